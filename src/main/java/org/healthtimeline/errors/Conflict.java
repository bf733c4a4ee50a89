package org.healthtimeline.errors;

/** The request contradicts what is stored (a reused key, a stale version): HTTP 409. */
public final class Conflict extends RuntimeException {
  private final String field;

  public Conflict(String field, String message) {
    super(message);
    this.field = field;
  }

  public String field() {
    return field;
  }
}
