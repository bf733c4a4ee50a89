package org.healthtimeline.stream;

import io.javalin.http.sse.SseClient;
import java.time.Duration;
import java.util.UUID;
import org.healthtimeline.errors.NotFound;
import org.healthtimeline.reminder.CompletionService;
import org.healthtimeline.timeline.TimelineService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves one subscriber: sends what the feed holds after its cursor, then waits to be woken by a NOTIFY (or for the
 * heartbeat interval, after which it sends a comment and reads the feed again: a lost notification delays a change
 * by one heartbeat at most). Runs on the request's virtual thread until the client goes away (noticed at the next
 * write), the user is deleted, or the server stops.
 */
public final class LiveStream implements AutoCloseable {
  static final int PAGE = 200;
  private static final Logger LOG = LoggerFactory.getLogger(LiveStream.class);

  private final StreamFeed feed;
  private final ChangeNotifications notifications;

  public LiveStream(TimelineService timeline, CompletionService completions, String jdbcUrl) {
    this.feed = new StreamFeed(timeline, completions);
    this.notifications = new ChangeNotifications(jdbcUrl);
  }

  /** How many streams this process serves now. */
  int subscribers() {
    return notifications.subscriptions();
  }

  long now(UUID user) {
    return feed.now(user);
  }

  void serve(SseClient client, UUID user, long since, Duration heartbeat) {
    long cursor = since;
    try (var subscription = notifications.subscribe(user, Duration.ofSeconds(5))) {
      client.sendComment("stream of user " + user + " after " + cursor);
      while (!client.terminated() && !subscription.ended()) {
        StreamFeed.Page page = feed.read(user, cursor, PAGE);
        for (StreamFeed.Item item : page.items()) {
          if (client.terminated()) return;
          client.sendEvent(item.name(), item.json(), Long.toString(item.seq()));
          cursor = item.seq();
        }
        if (page.hasMore() || client.terminated()) continue;
        if (!subscription.await(heartbeat) && !client.terminated()) client.sendComment("heartbeat");
      }
    } catch (NotFound gone) {
      LOG.debug("stream of user {} ends: the user is gone", user);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Ends every stream of this process (each ends within a moment) and stops listening. */
  @Override
  public void close() {
    notifications.close();
  }
}
