package org.healthtimeline.io;

/** Where a record is in its file: a line (1-based, 0 when unknown) and, for structured formats, its element. */
record Position(long line, String element) {
  static Position line(long line) {
    return new Position(line, null);
  }

  @Override
  public String toString() {
    if (element == null) return "line " + line;
    return line > 0 ? element + " (line " + line + ")" : element;
  }
}
