package org.healthtimeline.assessment;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.healthtimeline.timeline.EventKeys;
import org.healthtimeline.web.Json;

/** SQL of assessment_definitions and assessment_responses. */
final class AssessmentRepository {
  private static final String COLUMNS = "id, user_id, assessment_code, completed_at, answers::text, score, severity, subscales::text";

  List<Instrument> definitions(Connection c) throws SQLException {
    try (var st = c.prepareStatement("SELECT code, version, name, items::text, scoring::text FROM assessment_definitions ORDER BY code");
        var rs = st.executeQuery()) {
      var out = new ArrayList<Instrument>();
      while (rs.next()) {
        out.add(new Instrument(rs.getString(1), rs.getInt(2), rs.getString(3), Json.read(rs.getString(4)), Json.read(rs.getString(5))));
      }
      return out;
    }
  }

  /** Inserts the response unless its id is taken; the new response, or empty. */
  Optional<AssessmentResponse> insert(Connection c, UUID userId, UUID id, String code, Instant completedAt, List<Integer> answers,
      Instrument.Scored scored) throws SQLException {
    try (var st = c.prepareStatement("""
        INSERT INTO assessment_responses (user_id, id, assessment_code, completed_at, answers, score, severity, subscales)
        VALUES (?, coalesce(?, gen_random_uuid()), ?, ?, ?::jsonb, ?, ?, ?::jsonb)
        ON CONFLICT DO NOTHING
        RETURNING""" + " " + COLUMNS)) {
      st.setObject(1, userId);
      st.setObject(2, id);
      st.setString(3, code);
      st.setObject(4, completedAt.atOffset(ZoneOffset.UTC));
      st.setString(5, Json.write(answers));
      st.setBigDecimal(6, scored.score());
      st.setString(7, scored.severity());
      st.setString(8, scored.subscales().isEmpty() ? null : Json.write(scored.subscales()));
      try (var rs = st.executeQuery()) {
        return rs.next() ? Optional.of(row(rs)) : Optional.empty();
      }
    }
  }

  Optional<AssessmentResponse> find(Connection c, UUID userId, UUID id) throws SQLException {
    try (var st = c.prepareStatement("SELECT " + COLUMNS + " FROM assessment_responses WHERE user_id = ? AND id = ?")) {
      st.setObject(1, userId);
      st.setObject(2, id);
      try (var rs = st.executeQuery()) {
        return rs.next() ? Optional.of(row(rs)) : Optional.empty();
      }
    }
  }

  /** A user's responses to one questionnaire completed in [from, to), newest first. */
  List<AssessmentResponse> list(Connection c, UUID userId, String code, Instant from, Instant to, int limit) throws SQLException {
    try (var st = c.prepareStatement("SELECT " + COLUMNS + " " + """
        FROM assessment_responses
        WHERE user_id = ? AND assessment_code = ? AND completed_at >= ? AND completed_at < ?
        ORDER BY completed_at DESC, id DESC
        LIMIT ?""")) {
      st.setObject(1, userId);
      st.setString(2, code);
      st.setObject(3, from.atOffset(ZoneOffset.UTC));
      st.setObject(4, to.atOffset(ZoneOffset.UTC));
      st.setInt(5, limit);
      var out = new ArrayList<AssessmentResponse>();
      try (var rs = st.executeQuery()) {
        while (rs.next()) out.add(row(rs));
      }
      return out;
    }
  }

  private static AssessmentResponse row(ResultSet rs) throws SQLException {
    UUID id = rs.getObject(1, UUID.class);
    UUID user = rs.getObject(2, UUID.class);
    String subscales = rs.getString(8);
    BigDecimal score = rs.getBigDecimal(6);
    return new AssessmentResponse(id, user, rs.getString(3), rs.getObject(4, OffsetDateTime.class).toInstant(),
        Json.read(rs.getString(5)), score, rs.getString(7), subscales == null ? null : Json.read(subscales),
        EventKeys.forSource(user, ResponseEvents.MAPPING.table(), id.toString()));
  }
}
