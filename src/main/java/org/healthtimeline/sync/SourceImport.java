package org.healthtimeline.sync;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import org.healthtimeline.db.Tx;
import org.healthtimeline.user.UserRows;

/**
 * Many rows of one user and one source table, each under an id the caller chose (an importer's, the demo's),
 * written with their events in one transaction: a row whose id is there already is left as it is, so importing
 * the same rows again adds nothing. The events are made by the table's mapping, set-based.
 */
public final class SourceImport {
  /** A row to import: its id, and its content as the domain's API takes it. */
  public record Row(UUID id, JsonNode body) {}

  /** Inserts the checked rows under their ids (one batch), leaving a row that has its id already alone. */
  @FunctionalInterface
  public interface Insert {
    void rows(Connection c) throws SQLException;
  }

  private SourceImport() {}

  /** Runs {@code insert} for the rows with these ids; returns how many events were made: the rows that had none. */
  public static int run(Tx tx, SourceMapping m, UUID userId, List<UUID> ids, String origin, Insert insert) {
    if (ids.isEmpty()) return 0;
    return UserRows.writing(userId, () -> tx.inTransaction(c -> {
      insert.rows(c);
      return SourceEvents.insertMissing(c, m, origin, "s.user_id = ? AND s.id = ANY (?)", userId,
          c.createArrayOf("uuid", ids.toArray()));
    }));
  }

  /** The ids of the rows. */
  public static List<UUID> ids(List<Row> rows) {
    return rows.stream().map(Row::id).toList();
  }
}
