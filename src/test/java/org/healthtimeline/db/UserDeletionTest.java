package org.healthtimeline.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.healthtimeline.archive.ArchiveService;
import org.healthtimeline.archive.PersonalData;
import org.healthtimeline.testing.PersonRows;
import org.healthtimeline.testing.TestDatabases;
import org.healthtimeline.user.UserService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Deleting a person leaves no row of theirs in any table, counted over every table the catalog shows to hold a
 * person's data ({@link PersonalData}), so a table added later is held to it too: {@link PersonRows} must give
 * it a row, or the first assertion fails.
 */
class UserDeletionTest {
  static Database db;

  @BeforeAll
  static void up() {
    db = TestDatabases.fresh();
  }

  @AfterAll
  static void down() {
    db.close();
  }

  @Test
  void deleting_a_user_removes_their_rows_from_every_table_and_keeps_everyone_elses() {
    deletes(leaving -> db.tx().inTransaction(c -> Sql.execute(c, "DELETE FROM users WHERE id = '" + leaving + "'")));
  }

  @Test
  void erasing_a_user_as_timeline_erase_does_removes_every_row_of_theirs_and_tells_how_many_per_table() {
    var erasure = new ArchiveService(db.tx(), new UserService(db.tx()));
    deletes(leaving -> assertThat(erasure.erase(leaving)).as("rows erased per table").doesNotContainValue(0L));
  }

  @Test
  void the_catalog_of_personal_data_holds_every_table_with_a_user_id_and_every_column_naming_a_user() {
    List<String> tables = db.tx().read(c -> PersonalData.tables(c).stream().map(PersonalData.Table::name).toList());
    assertThat(tables).containsAll(db.tx().read(Sql::userDataTables)).contains("users", "invite_codes");
  }

  private static void deletes(Consumer<UUID> delete) {
    UUID leaving = db.tx().inTransaction(PersonRows::personWithOneRowInEveryTable);
    UUID staying = db.tx().inTransaction(PersonRows::personWithOneRowInEveryTable);
    assertThat(rowsPerTable(leaving)).as("a table this test writes no row to").doesNotContainValue(0L);

    delete.accept(leaving);

    assertThat(rowsPerTable(leaving)).allSatisfy((table, rows) -> assertThat(rows).as(table).isZero());
    assertThat(rowsPerTable(staying)).allSatisfy((table, rows) -> assertThat(rows).as(table).isPositive());
    List<String> creator = db.tx().read(c -> Sql.strings(c,
        "SELECT coalesce(created_by::text, 'nobody') FROM invite_codes WHERE code = 'code-" + leaving + "'"));
    assertThat(creator).as("an invite code outlives its creator").containsExactly("nobody");
  }

  private static Map<String, Long> rowsPerTable(UUID user) {
    return db.tx().read(c -> PersonalData.count(c, user));
  }
}
