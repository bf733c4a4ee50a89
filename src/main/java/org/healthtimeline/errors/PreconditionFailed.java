package org.healthtimeline.errors;

/** An If-Match header that does not name the current version: HTTP 412. */
public final class PreconditionFailed extends RuntimeException {
  public PreconditionFailed(String message) {
    super(message);
  }
}
