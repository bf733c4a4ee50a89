package org.healthtimeline.user;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.healthtimeline.db.DbException;
import org.healthtimeline.db.Tx;
import org.healthtimeline.errors.NotFound;
import org.healthtimeline.web.Authenticator;
import org.healthtimeline.web.Principal;

/**
 * API tokens. A token is shown once, when it is made; only its SHA-256 is stored. Service tokens look like
 * {@code hts_<secret>}; user tokens carry their user's id, {@code htu_<32 hex>_<secret>}, so that their row
 * is found by the (user_id, token_hash) key. Verified tokens are remembered for a short while, which is how
 * long a revoked token may still work.
 */
public final class TokenService implements Authenticator {
  static final long CACHE_MILLIS = 30_000;
  private static final int CACHE_LIMIT = 100_000;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Tx tx;
  private final ConcurrentHashMap<String, Cached> verified = new ConcurrentHashMap<>();

  public TokenService(Tx tx) {
    this.tx = tx;
  }

  public String createServiceToken(String name) {
    String token = "hts_" + secret();
    tx.inTransaction(c -> {
      try (var st = c.prepareStatement("INSERT INTO service_tokens (token_hash, name) VALUES (?, ?)")) {
        st.setBytes(1, sha256(token));
        st.setString(2, name);
        return st.executeUpdate();
      }
    });
    return token;
  }

  public String createUserToken(UUID userId, String name) {
    String token = "htu_" + userId.toString().replace("-", "") + "_" + secret();
    try {
      tx.inTransaction(c -> {
        try (var st = c.prepareStatement("INSERT INTO user_tokens (user_id, token_hash, name) VALUES (?, ?, ?)")) {
          st.setObject(1, userId);
          st.setBytes(2, sha256(token));
          st.setString(3, name);
          return st.executeUpdate();
        }
      });
    } catch (DbException e) {
      if ("23503".equals(e.sqlState())) throw new NotFound("userId", "user " + userId + " does not exist");
      throw e;
    }
    return token;
  }

  @Override
  public Optional<Principal> authenticate(String token) {
    if (token == null || token.length() > 200) return Optional.empty();
    long now = System.currentTimeMillis();
    Cached hit = verified.get(token);
    if (hit != null && hit.until > now) return Optional.of(hit.principal);
    Optional<Principal> p = lookUp(token);
    if (p.isPresent()) {
      if (verified.size() >= CACHE_LIMIT) verified.clear();
      verified.put(token, new Cached(p.get(), now + CACHE_MILLIS));
    }
    return p;
  }

  private Optional<Principal> lookUp(String token) {
    byte[] hash = sha256(token);
    if (token.startsWith("hts_")) {
      return tx.read(c -> {
        try (var st = c.prepareStatement("SELECT 1 FROM service_tokens WHERE token_hash = ? AND revoked_at IS NULL")) {
          st.setBytes(1, hash);
          try (var rs = st.executeQuery()) {
            return rs.next() ? Optional.of(Principal.ofService()) : Optional.empty();
          }
        }
      });
    }
    Optional<UUID> user = userIdOf(token);
    if (user.isEmpty()) return Optional.empty();
    return tx.read(c -> {
      try (var st = c.prepareStatement(
          "SELECT 1 FROM user_tokens WHERE user_id = ? AND token_hash = ? AND revoked_at IS NULL")) {
        st.setObject(1, user.get());
        st.setBytes(2, hash);
        try (var rs = st.executeQuery()) {
          return rs.next() ? Optional.of(Principal.ofUser(user.get())) : Optional.empty();
        }
      }
    });
  }

  private static Optional<UUID> userIdOf(String token) {
    if (!token.startsWith("htu_") || token.length() < 4 + 32 + 2 || token.charAt(36) != '_') return Optional.empty();
    String hex = token.substring(4, 36);
    try {
      HexFormat.of().parseHex(hex);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    return Optional.of(UUID.fromString(hex.replaceFirst("(.{8})(.{4})(.{4})(.{4})(.{12})", "$1-$2-$3-$4-$5")));
  }

  private static String secret() {
    byte[] b = new byte[32];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  static byte[] sha256(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private record Cached(Principal principal, long until) {}
}
