package org.healthtimeline.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.healthtimeline.db.Database;
import org.healthtimeline.testing.TestDatabases;
import org.healthtimeline.user.TokenService;
import org.healthtimeline.web.Json;
import org.healthtimeline.web.Principal;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code timeline} command as a user runs it. In-process ({@link Main#run}) where only the exit code or
 * stdout matters; as an OS process where stdout and stderr must be told apart, or where a real data folder is
 * served by another process.
 */
class CliTest {
  private static final Pattern SERVICE_TOKEN = Pattern.compile("hts_[A-Za-z0-9_-]{43}");
  private static final Pattern USER_TOKEN = Pattern.compile("htu_[0-9a-f]{32}_[A-Za-z0-9_-]{43}");
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();

  @TempDir Path tmp;
  private ServeProcess serve;

  @AfterEach
  void stopServe() {
    if (serve != null) serve.close();
  }

  /** Tokens made while {@code serve} runs on the same data folder. */
  @Nested
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  class BesideARunningServer {
    ServeProcess running;
    Path data;
    String serviceToken;

    @BeforeAll
    void startServe(@TempDir Path folder) {
      data = folder.resolve("data");
      running = ServeProcess.start(data, "--port", "0");
      serviceToken = tokenCreate("--service").stdout().strip();
    }

    @AfterAll
    void stopIt() {
      running.close();
    }

    CliRun tokenCreate(String... args) {
      var all = new java.util.ArrayList<>(java.util.List.of("token", "create", "--data-dir", data.toString()));
      all.addAll(java.util.List.of(args));
      return CliRun.of(all.toArray(String[]::new));
    }

    @Test
    void token_create_service_prints_one_token_alone_on_stdout_and_the_running_server_accepts_it() {
      long postgresBefore = running.postmaster().pid();

      CliRun run = tokenCreate("--service", "--name", "cli test");

      assertThat(run.exitCode()).as(run.toString()).isZero();
      assertThat(run.stdoutLines()).as(run.toString()).hasSize(1);
      assertThat(run.stdoutLines().getFirst()).matches(SERVICE_TOKEN);
      // It attached to serve's PostgreSQL: the same server still runs, and its exit did not stop it.
      assertThat(running.postmaster().pid()).isEqualTo(postgresBefore);
      var created = send("POST", running.url() + "/v1/users", run.stdout().strip(), "{\"external_id\":\"svc-check\"}");
      assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    }

    @Test
    void token_create_user_by_external_id_or_id_prints_a_user_token_that_only_works_for_that_user() {
      UUID alice = createUser(running.url(), serviceToken, "alice");
      UUID bob = createUser(running.url(), serviceToken, "bob");

      CliRun byExternalId = tokenCreate("--user", "alice");
      CliRun byId = tokenCreate("--user", alice.toString());

      for (CliRun run : new CliRun[] {byExternalId, byId}) {
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.stdoutLines()).as(run.toString()).hasSize(1);
        String token = run.stdoutLines().getFirst();
        assertThat(token).matches(USER_TOKEN);
        assertThat(send("GET", running.url() + "/v1/users/" + alice, token, null).statusCode()).isEqualTo(200);
        assertThat(send("GET", running.url() + "/v1/users/" + bob, token, null).statusCode()).isEqualTo(403);
        assertThat(send("POST", running.url() + "/v1/users", token, "{}").statusCode()).isEqualTo(403);
      }
    }

    @Test
    void token_create_for_a_user_nobody_has_fails_with_one_line_on_stderr_and_nothing_on_stdout() {
      CliRun run = tokenCreate("--user", "nobody");

      assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
      assertThat(run.stdout()).isEmpty();
      assertThat(run.stderrLines()).as(run.toString()).containsExactly("timeline: no user has the id or external_id nobody");
    }

    @Test
    void token_create_for_a_user_id_that_does_not_exist_fails_with_one_line_on_stderr() {
      CliRun run = tokenCreate("--user", "00000000-0000-0000-0000-000000000001");

      assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
      assertThat(run.stdout()).isEmpty();
      assertThat(run.stderrLines()).as(run.toString()).hasSize(1).first().asString().contains("does not exist");
    }
  }

  @Test
  void token_create_against_a_database_url_makes_a_service_token_of_that_database() throws Exception {
    String url = TestDatabases.freshUrl();

    var stdout = new ByteArrayOutputStream();
    PrintStream original = System.out;
    int exit;
    System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
    try {
      exit = Main.run("token", "create", "--service", "--database-url", url);
    } finally {
      System.setOut(original);
    }

    assertThat(exit).isZero();
    String token = stdout.toString(StandardCharsets.UTF_8).strip();
    assertThat(token).matches(SERVICE_TOKEN);
    try (Database db = Database.connect(url, 2)) {
      assertThat(new TokenService(db.tx()).authenticate(token)).contains(Principal.ofService());
    }
  }

  @Test
  void token_create_takes_the_database_from_the_DATABASE_URL_variable() throws Exception {
    String url = TestDatabases.freshUrl();
    UUID user;
    try (Database db = Database.connect(url, 2)) {
      user = new org.healthtimeline.user.UserService(db.tx()).create(Json.read("{\"external_id\":\"carol\"}")).id();
    }

    CliRun run = CliRun.of(Map.of("DATABASE_URL", url), "token", "create", "--user", "carol");

    assertThat(run.exitCode()).as(run.toString()).isZero();
    assertThat(run.stdoutLines()).hasSize(1);
    try (Database db = Database.connect(url, 2)) {
      assertThat(new TokenService(db.tx()).authenticate(run.stdout().strip())).contains(Principal.ofUser(user));
    }
  }

  @Test
  void serve_honours_port_and_data_dir_and_a_second_start_finds_the_data_of_the_first() throws Exception {
    Path data = tmp.resolve("data");
    int port = freePort();

    serve = ServeProcess.start(data, "--port", Integer.toString(port));

    assertThat(serve.url()).isEqualTo("http://127.0.0.1:" + port);
    assertThat(data.resolve("pg/PG_VERSION")).content().isEqualToIgnoringWhitespace("17");
    assertThat(send("GET", serve.url() + "/health", null, null).statusCode()).isEqualTo(200);
    String token = CliRun.of("token", "create", "--service", "--data-dir", data.toString()).stdout().strip();
    UUID dave = createUser(serve.url(), token, "dave");

    assertThat(serve.stop()).as("exit code after SIGTERM").isIn(0, 143);
    assertThat(Postmaster.of(data)).as("serve stops its PostgreSQL when it stops")
        .satisfiesAnyOf(pg -> assertThat(pg).isEmpty(), pg -> assertThat(pg.get().alive()).isFalse());

    serve = ServeProcess.start(data, "--port", "0");
    var found = send("GET", serve.url() + "/v1/users?external_id=dave", token, null);
    assertThat(found.statusCode()).as(found.body()).isEqualTo(200);
    assertThat(Json.read(found.body()).get("id").asText()).isEqualTo(dave.toString());
  }

  @Test
  void a_postgresql_orphaned_by_a_killed_serve_is_replaced_by_the_next_start() throws Exception {
    Path data = tmp.resolve("data");
    serve = ServeProcess.start(data, "--port", "0");
    String token = CliRun.of("token", "create", "--service", "--data-dir", data.toString()).stdout().strip();
    UUID erin = createUser(serve.url(), token, "erin");
    Postmaster orphan = serve.postmaster();

    serve.process().destroyForcibly().waitFor();
    assertThat(orphan.alive()).as("pg_ctl daemonized PostgreSQL; it outlives a SIGKILL of serve").isTrue();

    serve = ServeProcess.start(data, "--port", "0");

    assertThat(orphan.alive()).isFalse();
    assertThat(serve.postmaster().pid()).isNotEqualTo(orphan.pid());
    var found = send("GET", serve.url() + "/v1/users/" + erin, token, null);
    assertThat(found.statusCode()).as(found.body()).isEqualTo(200);
  }

  @Test
  void serve_on_a_port_in_use_fails_with_one_line_and_leaves_no_postgresql_running() throws Exception {
    Path data = tmp.resolve("data");
    try (var taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      CliRun run = CliRun.of("serve", "--port", Integer.toString(taken.getLocalPort()), "--data-dir", data.toString());

      assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
      assertThat(run.stdout()).isEmpty();
      assertThat(run.stderrLines()).as(run.toString()).hasSize(1).first().asString()
          .startsWith("timeline: ").contains(Integer.toString(taken.getLocalPort()));
    }
    assertThat(Postmaster.of(data).filter(Postmaster::alive)).isEmpty();
  }

  @Test
  void migrate_undo_of_a_migration_without_an_undo_script_fails_with_one_line_on_stderr() {
    CliRun run = CliRun.of("migrate", "--undo", "9", "--database-url", TestDatabases.freshUrl());

    assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
    assertThat(run.stdout()).isEmpty();
    assertThat(run.stderrLines()).as(run.toString())
        .containsExactly("timeline: there is no undo script for migration 9 (only 2, the timeline)");
  }

  @Test
  void an_unknown_subcommand_or_option_or_a_bad_value_is_a_usage_error_with_exit_code_2() {
    assertThat(Main.run("bogus")).isEqualTo(2);
    assertThat(Main.run("token", "create", "--service", "--bogus")).isEqualTo(2);
    assertThat(Main.run("token", "create")).as("--service or --user is required").isEqualTo(2);
    assertThat(Main.run("serve", "--port", "eighty")).isEqualTo(2);
  }

  @Test
  void a_usage_error_is_one_line_on_stderr() {
    CliRun run = CliRun.of("token", "create", "--service", "--bogus");

    assertThat(run.exitCode()).isEqualTo(2);
    assertThat(run.stdout()).isEmpty();
    assertThat(run.stderrLines()).as(run.toString()).hasSize(1).first().asString()
        .startsWith("timeline: ").contains("--bogus").contains("--help");
  }

  @Test
  void help_and_version_exit_with_0() {
    assertThat(Main.run("--help")).isZero();
    assertThat(Main.run("--version")).isZero();
    assertThat(Main.run("token", "create", "--help")).isZero();
  }

  // --- helpers --------------------------------------------------------------------------------------------

  /**
   * A free port below Linux's ephemeral range (32768-60999): a port the OS handed out for port 0 is soon handed out
   * again, e.g. to the embedded PostgreSQL that serve starts before its HTTP server, which then finds it taken.
   */
  private static int freePort() throws IOException {
    var random = new java.util.Random();
    for (int attempt = 0; attempt < 100; attempt++) {
      int port = 20_000 + random.nextInt(12_000);
      try (var s = new ServerSocket(port, 50, InetAddress.getLoopbackAddress())) {
        return s.getLocalPort();
      } catch (IOException taken) {
        // try another
      }
    }
    throw new IOException("no free port between 20000 and 32000");
  }

  static UUID createUser(String url, String token, String externalId) {
    var r = send("POST", url + "/v1/users", token, "{\"external_id\":\"" + externalId + "\"}");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return UUID.fromString(Json.read(r.body()).get("id").asText());
  }

  static HttpResponse<String> send(String method, String url, String token, String body) {
    var b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (token != null) b.header("Authorization", "Bearer " + token);
    if (body != null) b.header("Content-Type", "application/json");
    try {
      return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
