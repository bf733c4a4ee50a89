package org.healthtimeline.timeline;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * The id of an event that has a key, the same as the SQL function event_key_id computes: a version-8 UUID
 * from the MD5 of its user and key. Lineage (the source row) wins over a dedupe_key. Because the id follows
 * from the key, the primary key makes creates idempotent, and a source row's event is found by primary key.
 */
public final class EventKeys {
  private EventKeys() {}

  public static UUID forSource(UUID userId, String sourceTable, String sourceId) {
    return of(userId, "source", sourceTable + "\n" + sourceId);
  }

  public static UUID forDedupeKey(UUID userId, String dedupeKey) {
    return of(userId, "dedupe", dedupeKey);
  }

  private static UUID of(UUID userId, String kind, String key) {
    byte[] h;
    try {
      h = MessageDigest.getInstance("MD5").digest((userId + "\n" + kind + "\n" + key).getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    h[6] = (byte) ((h[6] & 0x0f) | 0x80);
    h[8] = (byte) ((h[8] & 0x3f) | 0x80);
    ByteBuffer b = ByteBuffer.wrap(h);
    return new UUID(b.getLong(), b.getLong());
  }
}
