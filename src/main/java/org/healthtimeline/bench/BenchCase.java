package org.healthtimeline.bench;

import java.io.PrintStream;
import org.healthtimeline.App;
import org.healthtimeline.db.Database;

/**
 * One part of {@code timeline bench}: measures a feature beside a baseline doing the same database work in the
 * same run, and adds its rows to the report. A case may load data of its own into {@code bench} (or into a
 * database of its own on {@code server}); the synthetic timeline in {@code loaded} is already there.
 */
interface BenchCase {
  /** What {@code --only} calls it, e.g. {@code timeline.query}. */
  String name();

  void run(Run run) throws Exception;

  /** What a case gets: the server, the loaded bench database, the API running over it, and the report. */
  record Run(Database server, Database bench, App app, String base, Http http, BenchLoader.Loaded loaded,
      Bench.Settings settings, Report report, PrintStream log) {}
}
