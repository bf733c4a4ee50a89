package org.healthtimeline.checkin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.healthtimeline.db.Tx;
import org.healthtimeline.errors.Conflict;
import org.healthtimeline.errors.InvalidInput;
import org.healthtimeline.timeline.EventType;
import org.healthtimeline.timeline.NewEvent;
import org.healthtimeline.timeline.TimelineService;
import org.healthtimeline.timeline.WriteResult;
import org.healthtimeline.user.UserService;
import org.healthtimeline.web.Json;

/**
 * The legacy check-ins: read from the view daily_checkins_legacy (through its function daily_checkins, which takes
 * the user's days), and the legacy POST's dual write of seed 002: a mood event (subtype daily_checkin) and a symptom
 * event (subtype side_effect) per side effect, in one transaction, answered with the day's row as the view shows it.
 */
public final class CheckinService {
  static final String ORIGIN = "legacy-checkin";
  private static final String SELECT = """
      SELECT user_id, checkin_date, mood_today, mood_rating, confidence_today, anxiety_level, side_effects::text,
             symptoms::text, notes, mood_events, symptom_events, first_at, last_at
      FROM daily_checkins(?, ?, ?) ORDER BY checkin_date DESC""";

  private final Tx tx;
  private final UserService users;
  private final TimelineService timeline;
  private final Clock clock;

  public CheckinService(Tx tx, UserService users, TimelineService timeline, Clock clock) {
    this.tx = tx;
    this.users = users;
    this.timeline = timeline;
    this.clock = clock;
  }

  /** The user's check-ins of local days [from, to]; by default the last 30 days, today included. */
  public List<Checkin> list(UUID userId, LocalDate from, LocalDate to) {
    ZoneId zone = users.get(userId).timeZone();
    LocalDate last = to != null ? to : LocalDate.ofInstant(clock.instant(), zone);
    LocalDate first = from != null ? from : last.minusDays(29);
    if (first.isAfter(last)) throw new InvalidInput("from", "must not be after to");
    return tx.read(c -> rows(c, userId, first, last));
  }

  /** A recorded check-in's day as the view shows it, and whether the check-in was new or a replay of its checkin_id. */
  public record Recorded(boolean created, Checkin day) {}

  /** Records a legacy check-in on the timeline and answers with its day as the view shows it. */
  public Recorded record(UUID userId, JsonNode body) {
    CheckinInput in = CheckinInput.read(body, clock);
    ZoneId zone = users.get(userId).timeZone();
    LocalDate day = LocalDate.ofInstant(in.occurredAt(), zone);
    var events = new ArrayList<NewEvent>();
    ObjectNode mood = Json.MAPPER.createObjectNode().put("mood", in.moodToday());
    if (in.moodRating() != null) mood.put("mood_rating", in.moodRating());
    if (in.confidenceToday() != null) mood.put("confidence", in.confidenceToday());
    if (in.anxietyLevel() != null) mood.put("anxiety_level", in.anxietyLevel());
    if (in.notes() != null) mood.put("note", in.notes());
    events.add(event(EventType.MOOD, "daily_checkin", in, mood, key(in, "mood")));
    for (String effect : in.sideEffects()) {
      ObjectNode symptom = Json.MAPPER.createObjectNode().put("symptom_type", effect);
      events.add(event(EventType.SYMPTOM, "side_effect", in, symptom, key(in, "side_effect:" + effect)));
    }
    try {
      return tx.inTransaction(c -> {
        boolean created = false;
        for (NewEvent e : events) created |= timeline.write(c, userId, e).outcome() == WriteResult.Outcome.CREATED;
        return new Recorded(created, rows(c, userId, day, day).getFirst());
      });
    } catch (Conflict e) {
      throw new Conflict("checkin_id", "this checkin_id was recorded before with other values");
    }
  }

  private static NewEvent event(EventType type, String subtype, CheckinInput in, ObjectNode data, String dedupeKey) {
    return new NewEvent(null, type, subtype, in.occurredAt(), null, null, Json.write(data), null, null, null, ORIGIN,
        null, null, null, dedupeKey);
  }

  /** With a checkin_id, sending the check-in again is a replay; without one, each POST adds to the day. */
  private static String key(CheckinInput in, String part) {
    return in.checkinId() == null ? null : "checkin:" + in.checkinId() + ":" + part;
  }

  private static List<Checkin> rows(Connection c, UUID userId, LocalDate from, LocalDate to) throws SQLException {
    try (var st = c.prepareStatement(SELECT)) {
      st.setObject(1, userId);
      st.setObject(2, from);
      st.setObject(3, to);
      var out = new ArrayList<Checkin>();
      try (var rs = st.executeQuery()) {
        while (rs.next()) out.add(row(rs));
      }
      return out;
    }
  }

  private static Checkin row(ResultSet rs) throws SQLException {
    return new Checkin(rs.getObject(1, UUID.class), rs.getObject(2, LocalDate.class), rs.getString(3), rs.getBigDecimal(4),
        rs.getBigDecimal(5), rs.getBigDecimal(6), Json.read(rs.getString(7)), Json.read(rs.getString(8)), rs.getString(9),
        rs.getLong(10), rs.getLong(11), rs.getObject(12, OffsetDateTime.class).toInstant(),
        rs.getObject(13, OffsetDateTime.class).toInstant());
  }
}
