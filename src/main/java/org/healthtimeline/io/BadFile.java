package org.healthtimeline.io;

/**
 * The file as a whole cannot be read on: wrong encoding, truncated XML, a CSV header without a needed column,
 * a document that is not what its format says. The message names where and says what to do about it.
 */
final class BadFile extends RuntimeException {
  BadFile(String message) {
    super(message);
  }

  BadFile(Position at, String message) {
    super(at + ": " + message);
  }
}
