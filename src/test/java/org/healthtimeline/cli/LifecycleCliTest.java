package org.healthtimeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.zip.ZipFile;
import org.healthtimeline.testing.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A person's life cycle from the command line: migrated from markdown, archived, pruned, erased. */
class LifecycleCliTest {
  @TempDir Path tmp;

  @Test
  void profiles_are_migrated_verified_archived_and_erased_from_the_command_line() throws IOException {
    String data = tmp.resolve("data").toString();
    String profiles = SharedData.dir("profiles").toString();

    CliRun dry = CliRun.of("migrate-profiles", profiles, "--dry-run", "--data-dir", data);
    assertThat(dry.exitCode()).as(dry.toString()).isZero();
    assertThat(dry.stderrLines()).as(dry.toString()).filteredOn(l -> l.startsWith("warning: "))
        .singleElement().asString().startsWith("warning: amara/preferences.md:3: ");
    assertThat(dry.stdout()).contains("would be created").contains("(dry run: nothing written)");

    CliRun migrated = CliRun.of("migrate-profiles", profiles, "--data-dir", data);
    assertThat(migrated.stdoutLines()).as(migrated.toString()).last().asString()
        .startsWith("2 people: 2 created, 0 updated, 0 unchanged, 0 failed; 1 warnings");
    CliRun verified = CliRun.of("migrate-profiles", profiles, "--verify", "--data-dir", data);
    assertThat(verified.exitCode()).as(verified.toString()).isZero();
    assertThat(verified.stdout()).contains("0 mismatches");

    Path zip = tmp.resolve("amara.zip");
    CliRun archived = CliRun.of("archive", "--user", "amara", "--out", zip.toString(), "--data-dir", data);
    assertThat(archived.exitCode()).as(archived.toString()).isZero();
    try (var z = new ZipFile(zip.toFile())) {
      var names = new ArrayList<String>();
      z.stream().forEach(e -> names.add(e.getName()));
      assertThat(names).first().isEqualTo("manifest.json");
      assertThat(names).contains("tables/user_profiles.ndjson", "tables/health_events.ndjson");
      assertThat(new String(z.getInputStream(z.getEntry("tables/user_profiles.ndjson")).readAllBytes()))
          .contains("Shellfish (anaphylaxis, carries an EpiPen)");
    }
    try (var files = Files.list(tmp)) {
      assertThat(files.map(p -> p.getFileName().toString())).as("no partial file left").doesNotContain("amara.zip.partial")
          .noneMatch(n -> n.endsWith(".partial"));
    }

    CliRun retention = CliRun.of("retention", "--dry-run", "--data-dir", data);
    assertThat(retention.exitCode()).as(retention.toString()).isZero();
    assertThat(retention.stdoutLines()).hasSize(3).allMatch(l -> l.contains(" 0 would be "));

    CliRun erased = CliRun.of("erase", "--user", "amara", "--data-dir", data);
    assertThat(erased.exitCode()).as(erased.toString()).isZero();
    assertThat(erased.stdoutLines()).contains("user_profiles                         1", "users                                 1");
    CliRun gone = CliRun.of("archive", "--user", "amara", "--out", zip.toString(), "--data-dir", data);
    assertThat(gone.exitCode()).isEqualTo(1);
    assertThat(gone.stderrLines()).containsExactly("timeline: no user has the id or external_id amara");
  }

  @Test
  void backfill_names_an_unknown_source_as_a_usage_error_and_verifies_with_exit_code_0_when_all_is_well() {
    String data = tmp.resolve("data").toString();

    CliRun unknown = CliRun.of("backfill", "--source", "teleports", "--data-dir", data);
    assertThat(unknown.exitCode()).as(unknown.toString()).isEqualTo(2);
    assertThat(unknown.stderrLines()).singleElement().asString().startsWith("timeline: --source: no source table 'teleports'");

    CliRun verified = CliRun.of("backfill", "--verify", "--data-dir", data);
    assertThat(verified.exitCode()).as(verified.toString()).isZero();
    assertThat(verified.stdoutLines()).last().isEqualTo("every source row has exactly one matching event");
  }
}
