package org.healthtimeline.demo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.healthtimeline.user.TokenService;

/**
 * What {@code timeline serve --demo} and {@code timeline demo} print: the demo users, a service token and a
 * user token made just now (only their hashes are stored, so this is the one chance to copy them), and a
 * curl that lists the first user's last 30 days.
 */
public final class DemoBanner {
  private final TokenService tokens;
  private final Clock clock;

  public DemoBanner(TokenService tokens, Clock clock) {
    this.tokens = tokens;
    this.clock = clock;
  }

  /** Makes the two tokens and returns the lines to print; {@code baseUrl} is where the API listens. */
  public List<String> lines(String baseUrl, List<LoadedUser> loaded, Duration took) {
    if (loaded.isEmpty()) throw new IllegalArgumentException("no demo users");
    var out = new ArrayList<String>();
    int events = loaded.stream().mapToInt(LoadedUser::events).sum();
    int added = loaded.stream().mapToInt(LoadedUser::added).sum();
    out.add("demo: %d users, %,d events (%,d added now) in %.1f s".formatted(loaded.size(), events, added,
        took.toMillis() / 1000.0));
    for (LoadedUser u : loaded) {
      out.add("  %-11s %-17s %,6d events %s to %s  id %s".formatted(u.externalId(), u.zone().getId(), u.events(),
          u.firstDay(), u.lastDay(), u.id()));
    }
    LoadedUser first = loaded.getFirst();
    String userToken = tokens.createUserToken(first.id(), "demo");
    out.add("service token (acts for any user): " + tokens.createServiceToken("demo"));
    out.add("user token of " + first.externalId() + ": " + userToken);
    Instant from = LocalDate.now(clock.withZone(first.zone())).minusDays(30).atStartOfDay(first.zone()).toInstant();
    out.add("try: curl -H \"Authorization: Bearer " + userToken + "\" \"" + baseUrl + "/v1/users/" + first.id()
        + "/events?from=" + from + "&limit=20\"");
    return out;
  }
}
