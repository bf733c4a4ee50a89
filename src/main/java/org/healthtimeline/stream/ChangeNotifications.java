package org.healthtimeline.stream;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One LISTEN connection per process on the channel the NOTIFY triggers use (R__stream_notify.sql), fanned out to
 * this process's subscribers of each user. Started by the first subscriber. When the connection breaks it is made
 * again, and every subscriber is woken once it listens again, so a change notified while nobody listened is read
 * all the same (subscribers read the change feed, not the notifications).
 */
public final class ChangeNotifications implements AutoCloseable {
  static final String CHANNEL = "timeline_changes";
  private static final Logger LOG = LoggerFactory.getLogger(ChangeNotifications.class);
  /** A connection that has heard nothing this long is asked a question, so that a dead one is noticed. */
  private static final Duration PROBE_AFTER = Duration.ofSeconds(30);

  private final String jdbcUrl;
  private final ConcurrentHashMap<UUID, Set<Subscription>> subscribers = new ConcurrentHashMap<>();
  private final Object state = new Object();
  private Thread listener;
  private boolean listening;
  private volatile boolean closed;

  public ChangeNotifications(String jdbcUrl) {
    this.jdbcUrl = jdbcUrl;
  }

  /** Woken when the user's data changed (or may have); closing it unsubscribes. */
  public final class Subscription implements AutoCloseable {
    private final UUID user;
    private final ArrayBlockingQueue<Boolean> signal = new ArrayBlockingQueue<>(1);

    private Subscription(UUID user) {
      this.user = user;
    }

    private void wake() {
      signal.offer(Boolean.TRUE);
    }

    /** Waits until woken or {@code timeout} passes; false when it passed. */
    public boolean await(Duration timeout) throws InterruptedException {
      return signal.poll(timeout.toMillis(), TimeUnit.MILLISECONDS) != null;
    }

    /** True once the process is shutting down: the subscriber should end. */
    public boolean ended() {
      return closed;
    }

    @Override
    public void close() {
      subscribers.computeIfPresent(user, (u, set) -> {
        set.remove(this);
        return set.isEmpty() ? null : set;
      });
    }
  }

  /**
   * Subscribes to a user's changes. Waits (up to {@code listenWait}) until this process listens, so that a change
   * committed after the subscriber's first read of the feed wakes it.
   */
  public Subscription subscribe(UUID user, Duration listenWait) throws InterruptedException {
    var s = new Subscription(user);
    subscribers.computeIfAbsent(user, u -> ConcurrentHashMap.newKeySet()).add(s);
    synchronized (state) {
      if (listener == null && !closed) {
        listener = Thread.ofPlatform().daemon().name("stream-listen").start(this::listen);
      }
      long deadline = System.nanoTime() + listenWait.toNanos();
      while (!listening && !closed && System.nanoTime() < deadline) {
        state.wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
      }
    }
    return s;
  }

  /** How many subscriptions are open in this process. */
  int subscriptions() {
    return subscribers.values().stream().mapToInt(Set::size).sum();
  }

  private void listen() {
    long backoffMillis = 100;
    while (!closed) {
      try (Connection c = connect()) {
        try (var st = c.createStatement()) {
          st.execute("LISTEN " + CHANNEL);
        }
        setListening(true);
        backoffMillis = 100;
        wakeAll();
        receive(c);
      } catch (SQLException | RuntimeException e) {
        if (closed) return;
        LOG.warn("live stream: listening for changes failed, trying again in {} ms: {}", backoffMillis, e.getMessage());
      } finally {
        setListening(false);
      }
      sleep(backoffMillis);
      backoffMillis = Math.min(backoffMillis * 2, 10_000);
    }
  }

  private void receive(Connection c) throws SQLException {
    PGConnection pg = c.unwrap(PGConnection.class);
    long quietSince = System.nanoTime();
    while (!closed) {
      PGNotification[] notifications = pg.getNotifications(1000);
      if (notifications != null && notifications.length > 0) {
        quietSince = System.nanoTime();
        for (PGNotification n : notifications) wake(n.getParameter());
      } else if (System.nanoTime() - quietSince > PROBE_AFTER.toNanos()) {
        try (var st = c.createStatement()) {
          st.execute("SELECT 1");
        }
        quietSince = System.nanoTime();
      }
    }
  }

  private Connection connect() throws SQLException {
    var props = new Properties();
    props.setProperty("ApplicationName", "health-timeline-stream");
    props.setProperty("tcpKeepAlive", "true");
    return DriverManager.getConnection(jdbcUrl, props);
  }

  private void wake(String userId) {
    UUID user;
    try {
      user = UUID.fromString(userId);
    } catch (IllegalArgumentException e) {
      return;
    }
    Set<Subscription> set = subscribers.get(user);
    if (set != null) set.forEach(Subscription::wake);
  }

  private void wakeAll() {
    subscribers.values().forEach(set -> set.forEach(Subscription::wake));
  }

  private void setListening(boolean now) {
    synchronized (state) {
      listening = now;
      state.notifyAll();
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops listening and wakes every subscriber, who then ends its stream. */
  @Override
  public void close() {
    Thread t;
    synchronized (state) {
      closed = true;
      t = listener;
      state.notifyAll();
    }
    wakeAll();
    if (t != null) {
      try {
        t.join(5000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
