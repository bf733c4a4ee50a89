package org.healthtimeline.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.healthtimeline.db.Database;
import org.healthtimeline.testing.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class BackgroundTasksTest {
  static Database db;

  @BeforeAll
  static void up() {
    db = TestDatabases.fresh();
  }

  @AfterAll
  static void down() {
    db.close();
  }

  @Test
  void periodic_work_runs_again_and_again_once_started() throws InterruptedException {
    var runs = new CountDownLatch(2);
    try (var background = new BackgroundTasks(db.dataSource())) {
      background.every("test-periodic", Duration.ofMillis(100), runs::countDown);
      background.start(Duration.ofMillis(100));
      assertThat(runs.await(20, TimeUnit.SECONDS)).as("ran twice").isTrue();
    }
  }

  @Test
  void with_two_processes_on_one_database_a_scheduled_execution_runs_once() throws InterruptedException {
    var runs = new AtomicInteger();
    var ran = new CountDownLatch(1);
    OneTimeTask<Void> task = Tasks.oneTime("test-once").execute((instance, context) -> {
      runs.incrementAndGet();
      ran.countDown();
    });
    try (var first = new BackgroundTasks(db.dataSource()); var second = new BackgroundTasks(db.dataSource())) {
      first.register(task);
      second.register(task);
      first.client().scheduleIfNotExists(task.instance("1"), Instant.now().plusMillis(300));
      first.start(Duration.ofMillis(50));
      second.start(Duration.ofMillis(50));
      assertThat(ran.await(20, TimeUnit.SECONDS)).isTrue();
      Thread.sleep(1000);
    }
    assertThat(runs).hasValue(1);
  }

  @Test
  void a_task_cannot_be_added_once_the_scheduler_is_built() {
    try (var background = new BackgroundTasks(db.dataSource())) {
      background.client();
      assertThatThrownBy(() -> background.every("late", Duration.ofMinutes(1), () -> {}))
          .hasMessageContaining("late registered after the scheduler was built");
    }
  }
}
