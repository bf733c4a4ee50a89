package org.healthtimeline.errors;

import java.util.List;

/** The request is malformed or breaks a rule: HTTP 400, naming every offending field. */
public final class InvalidInput extends RuntimeException {
  private final List<FieldError> errors;

  public InvalidInput(String field, String message) {
    this(List.of(new FieldError(field, message)));
  }

  public InvalidInput(List<FieldError> errors) {
    super(errors.isEmpty() ? "invalid input" : errors.getFirst().field() + ": " + errors.getFirst().message());
    if (errors.isEmpty()) throw new IllegalArgumentException("an InvalidInput needs at least one field error");
    this.errors = List.copyOf(errors);
  }

  public List<FieldError> errors() {
    return errors;
  }

  /** The first offending field, which the problem body names at its top level. */
  public String field() {
    return errors.getFirst().field();
  }
}
