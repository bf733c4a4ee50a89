package org.healthtimeline.errors;

/** The thing named in the request does not exist, or is not visible to the caller: HTTP 404. */
public final class NotFound extends RuntimeException {
  private final String field;

  public NotFound(String field, String message) {
    super(message);
    this.field = field;
  }

  /** The request field (usually a path parameter such as {@code userId}) that named the missing thing. */
  public String field() {
    return field;
  }
}
