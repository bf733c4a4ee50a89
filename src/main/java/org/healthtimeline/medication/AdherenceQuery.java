package org.healthtimeline.medication;

import static org.healthtimeline.medication.MedicationRepository.utc;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The adherence SQL (adherence.sql beside this class): per medication, doses by status over the last days. */
final class AdherenceQuery {
  private static final String SQL = load();

  List<Adherence.PerMedication> perMedication(Connection c, UUID userId, int days, Instant now) throws SQLException {
    try (var st = c.prepareStatement(SQL)) {
      st.setInt(1, days);
      st.setObject(2, userId);
      st.setObject(3, utc(now));
      var out = new ArrayList<Adherence.PerMedication>();
      try (var rs = st.executeQuery()) {
        while (rs.next()) {
          var counts = Adherence.Counts.of(rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getLong(9), rs.getLong(10));
          out.add(new Adherence.PerMedication(rs.getObject(1, UUID.class), rs.getString(2), rs.getBoolean(3), rs.getBoolean(4), counts));
        }
      }
      return out;
    }
  }

  private static String load() {
    try (InputStream in = AdherenceQuery.class.getResourceAsStream("adherence.sql")) {
      if (in == null) throw new IllegalStateException("adherence.sql is missing from the jar");
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
