package org.healthtimeline.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.DriverManager;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedServerTest {
  @TempDir Path tmp;

  /**
   * After a power cut, pg/postmaster.pid still names the dead server's pid, and after the reboot that pid may
   * belong to any process, even another PostgreSQL (say the system's). It must not be signalled, and the stale
   * file must not keep this folder's server from starting (PostgreSQL refuses to start while the pid it names
   * is alive).
   */
  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void a_stale_pid_file_naming_another_process_leaves_that_process_alone_and_the_server_starts() throws Exception {
    Path fakePostgres = tmp.resolve("bin/postgres");
    Files.createDirectories(fakePostgres.getParent());
    Files.copy(Path.of("/bin/sleep"), fakePostgres, StandardCopyOption.COPY_ATTRIBUTES);
    Process other = new ProcessBuilder(fakePostgres.toString(), "60").start();
    try {
      Path data = tmp.resolve("data");
      EmbeddedServer.open(data, EmbeddedSettings.forTests()).close();
      Files.writeString(data.resolve("pg/postmaster.pid"),
          other.pid() + "\n" + data.resolve("pg") + "\n1700000000\n5999\n/tmp\nlocalhost\n  1234  5678\nready   \n");

      try (EmbeddedServer server = EmbeddedServer.open(data, EmbeddedSettings.forTests());
          var c = DriverManager.getConnection(server.jdbcUrl())) {
        assertThat(c.isValid(5)).isTrue();
        assertThat(server.port()).isNotEqualTo(5999);
      }
      assertThat(other.isAlive()).as("the process that got the stale pid").isTrue();
    } finally {
      other.destroyForcibly().waitFor();
    }
  }
}
