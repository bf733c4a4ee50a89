package org.healthtimeline.web;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.healthtimeline.db.Timestamps;
import org.healthtimeline.errors.InvalidInput;

/**
 * A page of a user's rows by time, newest first, as the domain lists take it: {@code from} (inclusive),
 * {@code to} (exclusive), {@code limit} and the opaque {@code cursor} of the previous page, which is the
 * (time, id) of its last row. Keyset pages skip and repeat nothing when rows arrive meanwhile.
 */
public record PageRequest(Instant from, Instant to, int limit, Instant afterTime, UUID afterId) {
  public static final int DEFAULT_LIMIT = 50;
  public static final int MAX_LIMIT = 200;
  private static final String VERSION = "k1";

  public static PageRequest of(Context ctx) {
    Instant from = Params.instant(ctx, "from");
    Instant to = Params.instant(ctx, "to");
    if (from != null && to != null && from.isAfter(to)) throw new InvalidInput("from", "must not be after to");
    Integer limit = Params.integer(ctx, "limit", 1, MAX_LIMIT);
    String cursor = Params.text(ctx, "cursor");
    Instant afterTime = null;
    UUID afterId = null;
    if (cursor != null) {
      try {
        String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split(":");
        if (parts.length != 3 || !parts[0].equals(VERSION) || parts[2].length() != 36) throw new IllegalArgumentException();
        long micros = Long.parseLong(parts[1]);
        afterTime = Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
        // A forged time outside PostgreSQL's range would fail the query with a 500.
        if (afterTime.getEpochSecond() < -62_135_596_800L || afterTime.getEpochSecond() > 253_402_300_799L) {
          throw new IllegalArgumentException();
        }
        afterId = UUID.fromString(parts[2]);
      } catch (IllegalArgumentException | ArithmeticException e) {
        throw new InvalidInput("cursor", "is not a cursor this service handed out");
      }
    }
    return new PageRequest(from, to, limit == null ? DEFAULT_LIMIT : limit, afterTime, afterId);
  }

  /**
   * The page in SQL over a table's time and id columns: {@code AND ...} conditions followed by the order and
   * limit, to append to a query's {@code WHERE}; {@link #bind} fills its placeholders.
   */
  public String sql(String time, String id) {
    var sb = new StringBuilder();
    if (from != null) sb.append(" AND ").append(time).append(" >= ?");
    if (to != null) sb.append(" AND ").append(time).append(" < ?");
    if (afterTime != null) sb.append(" AND (").append(time).append(", ").append(id).append(") < (?, ?)");
    return sb.append(" ORDER BY ").append(time).append(" DESC, ").append(id).append(" DESC LIMIT ?").toString();
  }

  /** Binds the placeholders of {@link #sql} from {@code p} on; the limit is one more than the page holds. */
  public int bind(PreparedStatement st, int p) throws SQLException {
    if (from != null) st.setObject(p++, Timestamps.utc(from));
    if (to != null) st.setObject(p++, Timestamps.utc(to));
    if (afterTime != null) {
      st.setObject(p++, Timestamps.utc(afterTime));
      st.setObject(p++, afterId);
    }
    st.setInt(p++, limit + 1);
    return p;
  }

  /** One page: its items, and the cursor of the next page, or null after the last. */
  public record Page<T>(List<T> items, String nextCursor) {}

  /**
   * The page of {@code rows} (read with {@code limit + 1}, so that one more than fits tells there is a next
   * page); {@code time} and {@code id} give a row's keyset.
   */
  public <T> Page<T> page(List<T> rows, Function<T, Instant> time, Function<T, UUID> id) {
    if (rows.size() <= limit) return new Page<>(rows, null);
    T last = rows.get(limit - 1);
    Instant t = time.apply(last);
    long micros = Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1_000);
    String raw = VERSION + ":" + micros + ":" + id.apply(last);
    return new Page<>(rows.subList(0, limit), Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8)));
  }
}
