package org.healthtimeline.assessment;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.healthtimeline.db.DbException;
import org.healthtimeline.db.Tx;
import org.healthtimeline.errors.Conflict;
import org.healthtimeline.errors.NotFound;
import org.healthtimeline.sync.SourceEvents;
import org.healthtimeline.timeline.EventKeys;
import org.healthtimeline.timeline.WriteResult.Outcome;
import org.healthtimeline.user.UserService;
import org.healthtimeline.web.Json;

/** The sleep quiz: its questions, and submissions scored and stored with their assessment event in one transaction. */
public final class SleepQuizService {
  private static final String COLUMNS = "id, user_id, submitted_at, responses::text, sleep_score, recommendations::text";

  private final Tx tx;
  private final UserService users;
  private final Clock clock;
  private final SleepQuiz quiz = SleepQuiz.load();

  public SleepQuizService(Tx tx, UserService users, Clock clock) {
    this.tx = tx;
    this.users = users;
    this.clock = clock;
  }

  public record Submitted(Outcome outcome, SleepQuizSubmission submission) {}

  public JsonNode questions() {
    return quiz.definition();
  }

  public Submitted submit(UUID userId, JsonNode body) {
    CompletionInput in = CompletionInput.read(body, "submitted_at", clock, quiz::problems);
    int score = quiz.score(in.answers());
    JsonNode recommendations = quiz.recommendations(in.answers());
    try {
      return tx.inTransaction(c -> {
        var id = insert(c, userId, in, score, recommendations);
        if (id.isEmpty()) {
          SleepQuizSubmission stored = find(c, userId, in.id()).orElseThrow(
              () -> new Conflict("id", "a submission with this id was stored at the same time; send it again"));
          boolean same = stored.answers().equals(in.answers())
              && (!body.hasNonNull("submitted_at") || Objects.equals(stored.submittedAt(), in.at()));
          if (!same) throw new Conflict("id", "this id already names a different submission");
          return new Submitted(Outcome.REPLAYED, stored);
        }
        SourceEvents.write(c, SleepQuizEvents.MAPPING, userId, id.get(), null);
        return new Submitted(Outcome.CREATED, find(c, userId, id.get()).orElseThrow());
      });
    } catch (DbException e) {
      if ("23503".equals(e.sqlState())) throw new NotFound("userId", "user " + userId + " does not exist");
      throw e;
    }
  }

  /** A user's submissions in [from, to), newest first. */
  public List<SleepQuizSubmission> submissions(UUID userId, Instant from, Instant to, int limit) {
    List<SleepQuizSubmission> found = tx.read(c -> {
      try (var st = c.prepareStatement("SELECT " + COLUMNS + " FROM sleep_quiz_submissions"
          + " WHERE user_id = ? AND submitted_at >= ? AND submitted_at < ? ORDER BY submitted_at DESC, id DESC LIMIT ?")) {
        st.setObject(1, userId);
        st.setObject(2, from.atOffset(ZoneOffset.UTC));
        st.setObject(3, to.atOffset(ZoneOffset.UTC));
        st.setInt(4, limit);
        var out = new ArrayList<SleepQuizSubmission>();
        try (var rs = st.executeQuery()) {
          while (rs.next()) out.add(row(rs));
        }
        return out;
      }
    });
    if (found.isEmpty() && !users.exists(userId)) throw new NotFound("userId", "user " + userId + " does not exist");
    return found;
  }

  private static Optional<UUID> insert(Connection c, UUID userId, CompletionInput in, int score, JsonNode recommendations)
      throws SQLException {
    try (var st = c.prepareStatement("""
        INSERT INTO sleep_quiz_submissions (user_id, id, submitted_at, responses, sleep_score, recommendations)
        VALUES (?, coalesce(?, gen_random_uuid()), ?, ?::jsonb, ?, ?::jsonb)
        ON CONFLICT DO NOTHING
        RETURNING id""")) {
      st.setObject(1, userId);
      st.setObject(2, in.id());
      st.setObject(3, in.at().atOffset(ZoneOffset.UTC));
      st.setString(4, Json.write(in.answers()));
      st.setInt(5, score);
      st.setString(6, Json.write(recommendations));
      try (var rs = st.executeQuery()) {
        return rs.next() ? Optional.of(rs.getObject(1, UUID.class)) : Optional.empty();
      }
    }
  }

  private Optional<SleepQuizSubmission> find(Connection c, UUID userId, UUID id) throws SQLException {
    try (var st = c.prepareStatement("SELECT " + COLUMNS + " FROM sleep_quiz_submissions WHERE user_id = ? AND id = ?")) {
      st.setObject(1, userId);
      st.setObject(2, id);
      try (var rs = st.executeQuery()) {
        return rs.next() ? Optional.of(row(rs)) : Optional.empty();
      }
    }
  }

  private SleepQuizSubmission row(ResultSet rs) throws SQLException {
    UUID id = rs.getObject(1, UUID.class);
    UUID user = rs.getObject(2, UUID.class);
    int score = rs.getInt(5);
    Integer sleepScore = rs.wasNull() ? null : score;
    String recommendations = rs.getString(6);
    return new SleepQuizSubmission(id, user, rs.getObject(3, OffsetDateTime.class).toInstant(), Json.read(rs.getString(4)),
        sleepScore, sleepScore == null ? null : quiz.band(sleepScore), recommendations == null ? null : Json.read(recommendations),
        EventKeys.forSource(user, SleepQuizEvents.MAPPING.table(), id.toString()));
  }
}
