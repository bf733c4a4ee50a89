package org.healthtimeline.schedule;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Features register their background work here while the app is wired; {@code serve} then starts the scheduler.
 * Tests build the app without starting it, and start it themselves where they test background work.
 */
public final class BackgroundTasks implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(BackgroundTasks.class);

  private final DataSource dataSource;
  private final Clock clock;
  /** Tasks that features schedule executions of; the periodic ones the scheduler starts by itself. */
  private final List<Task<?>> tasks = new ArrayList<>();
  private final List<RecurringTask<?>> periodic = new ArrayList<>();
  private Scheduler scheduler;
  private SchedulerClient client;

  public BackgroundTasks(DataSource dataSource) {
    this(dataSource, Clock.systemUTC());
  }

  /** With the clock that decides when an execution is due (tests move it across a DST change). */
  public BackgroundTasks(DataSource dataSource, Clock clock) {
    this.dataSource = dataSource;
    this.clock = clock;
  }

  /**
   * Work that runs every {@code every} (counted from the end of the last run) in one of the serve processes on
   * this database. A failure is logged and the work runs again at the next interval.
   */
  public synchronized void every(String name, Duration every, Runnable work) {
    requireNotStarted(name);
    periodic.add(Tasks.recurring(name, FixedDelay.of(every)).execute((instance, context) -> work.run()));
  }

  /** A task of a feature's own (one-time or custom), which it schedules through {@link #client()}. */
  public synchronized void register(Task<?> task) {
    requireNotStarted(task.getName());
    tasks.add(task);
  }

  /** Schedules, reschedules and cancels executions; works whether or not this process runs the scheduler. */
  public synchronized SchedulerClient client() {
    if (scheduler != null) return scheduler;
    if (client == null) client = SchedulerClient.Builder.create(dataSource, List.copyOf(tasks)).build();
    return client;
  }

  /** Starts polling for due executions; {@code pollingInterval} bounds how late a due execution starts. */
  public synchronized void start(Duration pollingInterval) {
    if (scheduler != null) return;
    scheduler = Scheduler.create(dataSource, List.copyOf(tasks))
        .startTasks(List.copyOf(periodic))
        .pollingInterval(pollingInterval)
        .enableImmediateExecution()
        .threads(4)
        .clock(new FlowingClock(clock))
        .build();
    scheduler.start();
    LOG.debug("background tasks started: {} and periodic {}", tasks.stream().map(Task::getName).toList(),
        periodic.stream().map(Task::getName).toList());
  }

  private void requireNotStarted(String name) {
    if (scheduler != null || client != null) {
      throw new IllegalStateException("task " + name + " registered after the scheduler was built");
    }
  }

  @Override
  public synchronized void close() {
    if (scheduler != null) scheduler.stop();
    scheduler = null;
  }
}
