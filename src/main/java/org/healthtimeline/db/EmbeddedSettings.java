package org.healthtimeline.db;

import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Server settings of the embedded PostgreSQL. Durability is not negotiable (zonky starts PostgreSQL with
 * {@code -F}, i.e. fsync off, and synchronous_commit off); memory is sized to the machine because on these
 * virtual machines a page that is not in shared_buffers costs a disk read (PERFORMANCE.md).
 */
public record EmbeddedSettings(long sharedBuffersMb, long effectiveCacheMb) {

  /** A quarter of the RAM for shared_buffers, capped at 8 GB; half of it as the planner's cache estimate. */
  public static EmbeddedSettings forMachine() {
    long ramMb = physicalMemoryBytes() / (1024 * 1024);
    long shared = Math.clamp(ramMb / 4, 128, 8192);
    return new EmbeddedSettings(shared, Math.max(shared, ramMb / 2));
  }

  /** Small enough for many test databases in one JVM. */
  public static EmbeddedSettings forTests() {
    return new EmbeddedSettings(256, 1024);
  }

  Map<String, String> serverConfig() {
    var c = new LinkedHashMap<String, String>();
    c.put("fsync", "on");
    c.put("synchronous_commit", "on");
    c.put("full_page_writes", "on");
    c.put("timezone", "UTC");
    c.put("max_connections", "200");
    // Bulk loads and backfills write many users in one transaction; each holds its user's advisory lock.
    c.put("max_locks_per_transaction", "512");
    c.put("shared_buffers", sharedBuffersMb + "MB");
    c.put("effective_cache_size", effectiveCacheMb + "MB");
    c.put("work_mem", "32MB");
    c.put("maintenance_work_mem", "512MB");
    c.put("wal_buffers", "64MB");
    c.put("max_wal_size", "4GB");
    c.put("checkpoint_timeout", "15min");
    c.put("random_page_cost", "1.1");
    c.put("listen_addresses", "localhost");
    return c;
  }

  private static long physicalMemoryBytes() {
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getTotalMemorySize();
    }
    return 4L << 30;
  }
}
