package org.healthtimeline.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.healthtimeline.cli.Main;
import org.healthtimeline.db.Database;
import org.healthtimeline.testing.TestDatabases;
import org.healthtimeline.user.TokenService;
import org.healthtimeline.web.Principal;
import org.junit.jupiter.api.Test;

/** {@code timeline demo}, run in-process on a fresh database as a user would run it. */
class DemoCommandTest {
  static final Pattern SERVICE_TOKEN = Pattern.compile("service token \\(acts for any user\\): (hts_\\S+)");
  static final Pattern USER_TOKEN = Pattern.compile("user token of demo-alex: (htu_[0-9a-f]{32}_\\S+)");
  static final Pattern CURL = Pattern.compile(
      "try: curl -H \"Authorization: Bearer (htu_\\S+)\" \"http://127\\.0\\.0\\.1:8080/v1/users/([0-9a-f-]{36})/events\\?from=\\S+Z&limit=20\"");

  record Run(int exit, String out, String err) {}

  static Run timeline(String... args) {
    PrintStream out = System.out, err = System.err;
    var outBytes = new ByteArrayOutputStream();
    var errBytes = new ByteArrayOutputStream();
    System.setOut(new PrintStream(outBytes, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(errBytes, true, StandardCharsets.UTF_8));
    try {
      int exit = Main.run(args);
      return new Run(exit, outBytes.toString(StandardCharsets.UTF_8), errBytes.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
  }

  static String find(Pattern p, String text, int group) {
    Matcher m = p.matcher(text);
    assertThat(m.find()).as("%s in:%n%s", p, text).isTrue();
    return m.group(group);
  }

  @Test
  void timeline_demo_loads_the_demo_users_and_prints_working_tokens_and_a_curl() {
    String url = TestDatabases.freshUrl();

    Run first = timeline("demo", "--database-url", url, "--days", "7");

    assertThat(first.exit()).as(first.err()).isZero();
    assertThat(first.out()).startsWith("demo: 3 users, ")
        .contains("demo-alex", "Europe/Berlin", "demo-maya", "America/New_York", "demo-kenji", "Asia/Tokyo");
    String serviceToken = find(SERVICE_TOKEN, first.out(), 1);
    String userToken = find(USER_TOKEN, first.out(), 1);
    assertThat(find(CURL, first.out(), 1)).isEqualTo(userToken);
    UUID alex = UUID.fromString(find(CURL, first.out(), 2));
    try (Database db = Database.connect(url, 2)) {
      var tokens = new TokenService(db.tx());
      assertThat(tokens.authenticate(serviceToken)).contains(Principal.ofService());
      assertThat(tokens.authenticate(userToken)).contains(Principal.ofUser(alex));
    }
  }

  @Test
  void a_second_run_adds_nothing_but_makes_new_tokens() {
    String url = TestDatabases.freshUrl();
    Run first = timeline("demo", "--database-url", url, "--days", "3");
    Run second = timeline("demo", "--database-url", url, "--days", "3");

    assertThat(second.exit()).as(second.err()).isZero();
    assertThat(first.out()).doesNotContain("(0 added now)");
    assertThat(second.out()).contains("(0 added now)");
    assertThat(find(USER_TOKEN, second.out(), 1)).isNotEqualTo(find(USER_TOKEN, first.out(), 1));
    assertThat(find(CURL, second.out(), 2)).isEqualTo(find(CURL, first.out(), 2));
  }

  @Test
  void fewer_than_one_day_is_a_usage_error() {
    Run run = timeline("demo", "--database-url", TestDatabases.freshUrl(), "--days", "0");
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("--days must be at least 1");
  }
}
