package org.healthtimeline.errors;

/** One problem with one input field; {@code field} is a dotted path such as {@code data.total_calories}. */
public record FieldError(String field, String message) {}
