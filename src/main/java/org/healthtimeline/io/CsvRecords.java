package org.healthtimeline.io;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * RFC 4180 records from the lines of a file: a quoted field may hold commas, doubled quotes and line breaks,
 * so one record may span lines. Each record knows the line it starts on.
 */
final class CsvRecords {
  private static final int MAX_RECORD_CHARS = 1 << 20;

  record Row(long line, List<String> fields) {}

  private final Lines lines;

  CsvRecords(Lines lines) {
    this.lines = lines;
  }

  /** The next record, or null at the end of the file; a blank line is no record. */
  Row next() throws IOException {
    while (lines.next()) {
      long start = lines.number();
      if (lines.tooLong()) return new Row(start, null);
      if (lines.blank()) continue;
      var fields = new ArrayList<String>();
      var field = new StringBuilder();
      String text = lines.text();
      boolean quoted = false;
      int size = 0;
      while (true) {
        for (int i = 0; i < text.length(); i++) {
          char ch = text.charAt(i);
          if (quoted) {
            if (ch != '"') field.append(ch);
            else if (i + 1 < text.length() && text.charAt(i + 1) == '"') field.append(text.charAt(++i));
            else quoted = false;
          } else if (ch == '"' && field.isEmpty()) {
            quoted = true;
          } else if (ch == ',') {
            fields.add(field.toString());
            field.setLength(0);
          } else {
            field.append(ch);
          }
        }
        if (!quoted) break;
        size += text.length();
        if (!lines.next()) throw new BadFile(Position.line(start), "a quoted field is not closed before the end of the file (a truncated file?)");
        if (lines.tooLong() || size > MAX_RECORD_CHARS) return new Row(start, null);
        field.append('\n');
        text = lines.text();
      }
      fields.add(field.toString());
      return new Row(start, fields);
    }
    return null;
  }
}
