package org.healthtimeline.web;

import java.util.Optional;

/** Turns a bearer token into the principal it belongs to, or nothing when it is unknown or revoked. */
@FunctionalInterface
public interface Authenticator {
  Optional<Principal> authenticate(String token);
}
