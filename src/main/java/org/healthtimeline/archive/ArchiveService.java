package org.healthtimeline.archive;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.healthtimeline.db.Tx;
import org.healthtimeline.errors.NotFound;
import org.healthtimeline.user.UserService;
import org.healthtimeline.web.Json;

/**
 * A person's complete export (seed 003's privacy section) and their erasure. The archive is a zip:
 * {@code manifest.json} first (format, user, time, and per table its file, row count and columns), then one
 * {@code tables/<table>.ndjson} per table of {@link PersonalData}, a JSON object per row in key order. It is
 * streamed row by row, never held in memory.
 */
public final class ArchiveService {
  private static final String FORMAT = "health-timeline-archive";
  private static final int FETCH_ROWS = 1000;

  private final Tx tx;
  private final UserService users;

  public ArchiveService(Tx tx, UserService users) {
    this.tx = tx;
    this.users = users;
  }

  /**
   * Writes the archive of {@code user} to {@code out}; a person who does not exist is a NotFound before anything
   * is written. Every table is read in one read-only snapshot (REPEATABLE READ), so that the counts in the
   * manifest and the rows agree even while the person keeps writing: the one place where a transaction stays
   * open during I/O, because a consistent export needs its snapshot to last as long as the stream.
   */
  public void write(UUID user, OutputStream out) {
    if (!users.exists(user)) throw new NotFound("userId", "user " + user + " does not exist");
    tx.inTransaction(c -> {
      try (var st = c.createStatement()) {
        st.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
      }
      List<PersonalData.Table> tables = PersonalData.tables(c);
      Map<String, Long> counts = PersonalData.count(c, user);
      try {
        var zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
        zip.putNextEntry(new ZipEntry("manifest.json"));
        zip.write(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest(user, tables, counts)));
        zip.closeEntry();
        for (PersonalData.Table t : tables) {
          zip.putNextEntry(new ZipEntry(file(t, tables)));
          rows(c, t, user, zip);
          zip.closeEntry();
        }
        zip.finish();
        out.flush();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return null;
    });
  }

  /** Rows per table of a person, then deletes the person and so, by the cascading keys, all of it. */
  public Map<String, Long> erase(UUID user) {
    Map<String, Long> counts = tx.read(c -> PersonalData.count(c, user));
    users.delete(user);
    return counts;
  }

  /** What an archive of the person would hold, per table. */
  public Map<String, Long> count(UUID user) {
    if (!users.exists(user)) throw new NotFound("userId", "user " + user + " does not exist");
    return tx.read(c -> PersonalData.count(c, user));
  }

  private static ObjectNode manifest(UUID user, List<PersonalData.Table> tables, Map<String, Long> counts) {
    ObjectNode m = Json.MAPPER.createObjectNode();
    m.put("format", FORMAT);
    m.put("version", 1);
    m.put("user_id", user.toString());
    m.put("created_at", Instant.now().toString());
    ArrayNode list = m.putArray("tables");
    for (PersonalData.Table t : tables) {
      ObjectNode entry = list.addObject();
      entry.put("table", t.name());
      entry.put("selected_by", t.personColumn());
      entry.put("file", file(t, tables));
      entry.put("rows", counts.get(PersonalData.label(t, tables)));
      t.columns().forEach(entry.putArray("columns")::add);
    }
    return m;
  }

  private static String file(PersonalData.Table t, List<PersonalData.Table> all) {
    return "tables/" + PersonalData.label(t, all) + ".ndjson";
  }

  private static void rows(Connection c, PersonalData.Table t, UUID user, OutputStream out) throws SQLException, IOException {
    try (var st = c.prepareStatement(t.selectJson())) {
      st.setFetchSize(FETCH_ROWS);
      st.setObject(1, user);
      try (var rs = st.executeQuery()) {
        while (rs.next()) {
          out.write(rs.getString(1).getBytes(StandardCharsets.UTF_8));
          out.write('\n');
        }
      }
    }
  }
}
