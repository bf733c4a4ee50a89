package org.healthtimeline.errors;

/** No valid bearer token: HTTP 401. */
public final class Unauthorized extends RuntimeException {
  public Unauthorized(String message) {
    super(message);
  }
}
