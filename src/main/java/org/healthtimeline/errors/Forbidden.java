package org.healthtimeline.errors;

/** A valid token that may not do this (a user token acting for another user): HTTP 403. */
public final class Forbidden extends RuntimeException {
  public Forbidden(String message) {
    super(message);
  }
}
