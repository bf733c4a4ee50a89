package org.healthtimeline.profile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.healthtimeline.db.Database;
import org.healthtimeline.profile.ProfileMigration.Action;
import org.healthtimeline.testing.DatabaseSnapshot;
import org.healthtimeline.testing.SharedData;
import org.healthtimeline.testing.TestDatabases;
import org.healthtimeline.user.User;
import org.healthtimeline.user.UserService;
import org.healthtimeline.web.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileMigrationTest {
  static final Path PROFILES = SharedData.dir("profiles");

  Database db;
  UserService users;
  ProfileMigration migration;

  @BeforeEach
  void up() {
    db = TestDatabases.fresh();
    users = new UserService(db.tx());
    migration = new ProfileMigration(users);
  }

  @AfterEach
  void down() {
    db.close();
  }

  @Test
  void the_sample_folders_become_two_users_with_every_section_counted_as_the_files_have_it() {
    var report = migration.migrate(PROFILES, false);

    assertThat(report.people()).extracting(ProfileMigration.Outcome::externalId).containsExactly("amara", "jordan");
    assertThat(report.count(Action.CREATED)).isEqualTo(2);
    User jordan = users.findByExternalId("jordan").orElseThrow();
    assertThat(jordan.timeZone().getId()).isEqualTo("America/Chicago");
    assertThat(sizes(jordan.profile(), "goals", "health_conditions", "medications", "allergies")).containsExactly(4, 2, 3, 2);
    assertThat(fields(jordan.profile())).isEqualTo(7);
    assertThat(jordan.profile().get("units").asText()).isEqualTo("imperial (lb, mi, °F)");
    assertThat(jordan.profile().get("goals").get(0).asText()).isEqualTo("Target weight: 165 lb");
    assertThat(sizes(jordan.preferences(), "dietary_preferences", "coaching_style", "reminders")).containsExactly(4, 4, 2);
    assertThat(sizes(jordan.patterns(), "sleep", "food", "activity", "symptoms")).containsExactly(3, 2, 2, 2);

    User amara = users.findByExternalId("amara").orElseThrow();
    assertThat(amara.timeZone().getId()).isEqualTo("Europe/Berlin");
    assertThat(sizes(amara.profile(), "goals", "health_conditions", "medications", "allergies")).containsExactly(4, 2, 1, 2);
    assertThat(fields(amara.profile())).isEqualTo(7);
    assertThat(amara.profile().get("goals").get(0).asText()).isEqualTo("Target weight: 72 kg");
    assertThat(sizes(amara.patterns(), "glucose", "sleep", "mood")).containsExactly(2, 2, 2);
  }

  @Test
  void a_heading_without_its_space_is_one_warning_with_file_and_line_and_its_bullets_stay_in_their_own_section() {
    var report = migration.migrate(PROFILES, false);

    assertThat(report.warnings()).hasSize(1);
    assertThat(report.warnings().getFirst()).startsWith("amara/preferences.md:3: '##Dietary preferences' is not a heading");
    JsonNode prefs = users.findByExternalId("amara").orElseThrow().preferences();
    assertThat(prefs.get("dietary_preferences")).extracting(JsonNode::asText).containsExactly(
        "Diet: pescatarian, no shellfish", "Lactose-free dairy only", "Low glycaemic index carbs",
        "Favourite breakfast: Haferflocken mit Beeren");
    assertThat(sizes(prefs, "coaching_style", "reminders")).containsExactly(4, 2);
    assertThat(prefs.has("diet")).as("the bullets are not read as top-level fields").isFalse();
    assertThat(prefs.has("notes")).isFalse();
  }

  @Test
  void allergies_survive_the_round_trip_exactly_as_written() {
    migration.migrate(PROFILES, false);

    assertThat(users.findByExternalId("jordan").orElseThrow().profile().get("allergies")).extracting(JsonNode::asText)
        .containsExactly("Penicillin (rash)", "Tree nuts: mild, avoid almonds and cashews");
    assertThat(users.findByExternalId("amara").orElseThrow().profile().get("allergies")).extracting(JsonNode::asText)
        .containsExactly("Shellfish (anaphylaxis, carries an EpiPen)", "Pollen (seasonal, March to May)");
    assertThat(migration.verify(PROFILES).mismatches()).isEmpty();
  }

  @Test
  void running_it_again_changes_nothing() {
    migration.migrate(PROFILES, false);
    var before = DatabaseSnapshot.of(db);

    var again = migration.migrate(PROFILES, false);

    assertThat(again.count(Action.UNCHANGED)).isEqualTo(2);
    assertThat(DatabaseSnapshot.of(db)).isEqualTo(before);
  }

  @Test
  void a_dry_run_reports_what_it_would_do_and_writes_nothing() {
    var before = DatabaseSnapshot.of(db);

    var report = migration.migrate(PROFILES, true);

    assertThat(report.count(Action.CREATED)).isEqualTo(2);
    assertThat(report.warnings()).hasSize(1);
    assertThat(DatabaseSnapshot.of(db)).isEqualTo(before);
  }

  @Test
  void an_existing_user_keeps_the_keys_the_files_do_not_name_and_gets_the_ones_they_do(@TempDir Path dir) throws IOException {
    users.create(Json.read("{\"external_id\":\"kim\",\"time_zone\":\"Asia/Tokyo\",\"profile\":{\"name\":\"Old\",\"app_key\":1}}"));
    write(dir.resolve("kim/profile.md"), "# Profile: Kim\n\n- Name: Kim Lee\n- Timezone: Europe/Paris\n\n## Allergies\n- Latex\n");

    var report = migration.migrate(dir, false);

    assertThat(report.people()).extracting(ProfileMigration.Outcome::action).containsExactly(Action.UPDATED);
    User kim = users.findByExternalId("kim").orElseThrow();
    assertThat(kim.profile().get("name").asText()).isEqualTo("Kim Lee");
    assertThat(kim.profile().get("app_key").asInt()).isEqualTo(1);
    assertThat(kim.profile().get("allergies")).extracting(JsonNode::asText).containsExactly("Latex");
    assertThat(kim.timeZone().getId()).as("an existing user's time zone is theirs to change").isEqualTo("Asia/Tokyo");
  }

  @Test
  void verify_lists_each_key_that_differs_from_the_files() {
    migration.migrate(PROFILES, false);
    User amara = users.findByExternalId("amara").orElseThrow();
    users.update(amara.id(), Json.read("{\"profile\":{\"allergies\":[\"Shellfish\"],\"sex\":null}}"));

    assertThat(migration.verify(PROFILES).mismatches()).containsExactlyInAnyOrder(
        "amara: profile.allergies differs from profile.md", "amara: profile.sex is missing (profile.md)");
  }

  @Test
  void what_is_not_understood_is_a_warning_with_its_line_and_kept_under_notes(@TempDir Path dir) throws IOException {
    write(dir.resolve("sam/profile.md"), """
        # Profile: Sam

        - Name: Sam
        - just a loose bullet

        Some free text.

        ## Goals
        - Walk more
          - every day
        ### Later
        - Swim
        """);
    write(dir.resolve("sam/diary.md"), "# Diary\n");

    var report = migration.migrate(dir, false);

    assertThat(report.warnings()).containsExactly(
        "sam/diary.md: not one of profile.md, preferences.md, patterns.md; not read",
        "sam/profile.md:4: a bullet before the first section must read 'Key: value'; kept under 'notes'",
        "sam/profile.md:6: text outside a list is not understood; kept under 'notes'",
        "sam/profile.md:10: a nested list is not understood; its bullets are read as bullets of their own",
        "sam/profile.md:11: '### Later' is a level-3 heading; read as a section like ##");
    JsonNode profile = users.findByExternalId("sam").orElseThrow().profile();
    assertThat(profile.get("notes")).extracting(JsonNode::asText).containsExactly("- just a loose bullet", "Some free text.");
    assertThat(profile.get("goals")).extracting(JsonNode::asText).containsExactly("every day", "Walk more");
    assertThat(profile.get("later")).extracting(JsonNode::asText).containsExactly("Swim");
  }

  private static void write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  private static List<Integer> sizes(JsonNode doc, String... sections) {
    return java.util.Arrays.stream(sections).map(s -> doc.path(s).size()).toList();
  }

  private static long fields(JsonNode doc) {
    return doc.properties().stream().filter(e -> e.getValue().isTextual()).count();
  }
}
