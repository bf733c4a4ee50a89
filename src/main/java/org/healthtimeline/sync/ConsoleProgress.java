package org.healthtimeline.sync;

import java.io.PrintStream;
import me.tongfei.progressbar.InteractiveConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** A progress bar per source for {@code timeline backfill} and {@code timeline sync}: rows, rows/s and the time left. */
public final class ConsoleProgress implements BackfillEngine.Progress {
  private final PrintStream err;
  private ProgressBar bar;
  private long done;

  public ConsoleProgress(PrintStream err) {
    this.err = err;
  }

  @Override
  public void start(String table, long rows) {
    done = 0;
    bar = new ProgressBarBuilder().setTaskName(table).setInitialMax(rows).setStyle(ProgressBarStyle.ASCII)
        .setUnit(" rows", 1).showSpeed().setConsumer(new InteractiveConsoleProgressBarConsumer(err)).build();
  }

  @Override
  public void advance(long rows) {
    done += rows;
    bar.stepTo(done);
  }

  @Override
  public void end() {
    if (bar != null) bar.close();
    bar = null;
  }
}
