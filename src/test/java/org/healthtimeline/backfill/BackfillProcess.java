package org.healthtimeline.backfill;

import org.healthtimeline.db.Database;

/**
 * The engine as a process of its own over the test mappings, for the crash test: {@code BackfillProcess URL BATCH}
 * backfills the meals of the database at URL and prints a line per committed batch.
 */
public final class BackfillProcess {
  private BackfillProcess() {}

  public static void main(String[] args) {
    try (Database db = Database.connect(args[0], 2)) {
      var engine = new BackfillEngine(db.dataSource(), Integer.parseInt(args[1]), new BackfillEngine.Progress() {
        @Override
        public void advance(long rows) {
          System.out.println("batch " + rows);
          System.out.flush();
        }
      });
      BackfillEngine.Summary s = engine.backfill(TestMappings.FOOD, false);
      System.out.println("done " + s.migrated() + " " + s.present());
    }
  }
}
