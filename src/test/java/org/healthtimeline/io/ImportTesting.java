package org.healthtimeline.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.healthtimeline.testing.TestApi;

/** The real app over a fresh database, its import service, and the SQL the importer tests read results with. */
final class ImportTesting implements AutoCloseable {
  final TestApi api;
  final ImportService imports;
  final ExportService exports;

  ImportTesting() {
    api = TestApi.start();
    imports = new ImportService(api.db.tx(), api.app.users(), api.app.timeline());
    exports = new ExportService(api.app.users(), api.app.timeline());
  }

  UUID newUser() {
    return api.newUser("America/Chicago").id();
  }

  ImportSummary importSample(UUID user, String name, ImportFormat format, boolean strict) {
    try (InputStream in = Files.newInputStream(org.healthtimeline.testing.SharedData.dir(name))) {
      return imports.run(user, in, format, strict);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  ImportSummary importText(UUID user, String text, ImportFormat format, boolean strict) {
    return imports.run(user, new java.io.ByteArrayInputStream(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)), format, strict);
  }

  /** Rows of a query over the user's events ({@code ?} is the user), each row's columns joined with '|'. */
  List<String> rows(UUID user, String sql) {
    return api.db.tx().read(c -> rows(c, user, sql));
  }

  private static List<String> rows(Connection c, UUID user, String sql) throws SQLException {
    try (var st = c.prepareStatement(sql)) {
      for (int i = 1; i <= st.getParameterMetaData().getParameterCount(); i++) st.setObject(i, user);
      var out = new ArrayList<String>();
      try (var rs = st.executeQuery()) {
        int n = rs.getMetaData().getColumnCount();
        while (rs.next()) {
          var row = new StringBuilder();
          for (int k = 1; k <= n; k++) row.append(k > 1 ? "|" : "").append(rs.getString(k));
          out.add(row.toString());
        }
      }
      return out;
    }
  }

  long count(UUID user) {
    return Long.parseLong(rows(user, "SELECT count(*) FROM health_events WHERE user_id = ?").getFirst());
  }

  /** Events per type, e.g. {meal=10, mood=5}. */
  Map<String, Long> countsByType(UUID user) {
    var out = new LinkedHashMap<String, Long>();
    for (String row : rows(user, "SELECT type, count(*) FROM health_events WHERE user_id = ? GROUP BY type ORDER BY type")) {
      String[] parts = row.split("\\|");
      out.put(parts[0], Long.parseLong(parts[1]));
    }
    return out;
  }

  /** The events' content without what differs between users: type, times, offset, data, origin, key. */
  List<String> content(UUID user) {
    return rows(user, """
        SELECT type, subtype, occurred_at, ended_at, utc_offset_min, data::jsonb, origin, dedupe_key, source_id, record_version
        FROM health_events WHERE user_id = ? AND deleted_at IS NULL""").stream().sorted().toList();
  }

  @Override
  public void close() {
    api.close();
  }
}
