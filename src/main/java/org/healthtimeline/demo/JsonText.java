package org.healthtimeline.demo;

import java.util.List;

/**
 * Writes one compact JSON object straight into a StringBuilder. The generator makes millions of events for
 * {@code timeline bench}; building a Jackson tree and serialising it would cost several times more than the
 * rest of the generator together. Decimals are given as scaled integers (tenths, hundredths), so sums that
 * must agree (a meal's total and its foods) are exact.
 */
final class JsonText {
  private final StringBuilder sb;
  /** Whether the object or array being written still has no member, one bit per nesting level. */
  private long empty = 1;

  JsonText() {
    this(256);
  }

  /** {@code capacity}: about the length of the document, so that the builder never has to grow. */
  JsonText(int capacity) {
    sb = new StringBuilder(capacity).append('{');
  }

  JsonText text(String name, String value) {
    name(name);
    quoted(value);
    return this;
  }

  JsonText number(String name, long value) {
    name(name);
    sb.append(value);
    return this;
  }

  /** {@code value / 10^scale}, e.g. {@code decimal("fat", 125, 1)} writes {@code "fat":12.5}. */
  JsonText decimal(String name, long value, int scale) {
    name(name);
    decimal(value, scale);
    return this;
  }

  JsonText bool(String name, boolean value) {
    name(name);
    sb.append(value);
    return this;
  }

  JsonText texts(String name, List<String> values) {
    name(name);
    sb.append('[');
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) sb.append(',');
      quoted(values.get(i));
    }
    sb.append(']');
    return this;
  }

  JsonText openObject(String name) {
    name(name);
    sb.append('{');
    empty = (empty << 1) | 1;
    return this;
  }

  JsonText openArray(String name) {
    name(name);
    sb.append('[');
    empty = (empty << 1) | 1;
    return this;
  }

  /** Starts an object as the next element of the array being written. */
  JsonText openElement() {
    comma();
    sb.append('{');
    empty = (empty << 1) | 1;
    return this;
  }

  JsonText closeObject() {
    sb.append('}');
    empty >>>= 1;
    return this;
  }

  JsonText closeArray() {
    sb.append(']');
    empty >>>= 1;
    return this;
  }

  /** The finished document; closes the outermost object. */
  String done() {
    return sb.append('}').toString();
  }

  private void name(String name) {
    comma();
    sb.append('"').append(name).append("\":");
  }

  private void comma() {
    if ((empty & 1) == 0) sb.append(',');
    empty &= ~1L;
  }

  private void decimal(long value, int scale) {
    if (value < 0) {
      sb.append('-');
      value = -value;
    }
    long unit = scale == 1 ? 10 : scale == 2 ? 100 : 1000;
    long whole = value / unit;
    long fraction = value % unit;
    sb.append(whole);
    if (fraction == 0) return;
    sb.append('.');
    String digits = Long.toString(fraction + unit).substring(1);
    int end = digits.length();
    while (digits.charAt(end - 1) == '0') end--;
    sb.append(digits, 0, end);
  }

  private void quoted(String s) {
    sb.append('"');
    if (plain(s)) {
      sb.append(s).append('"');
      return;
    }
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (ch == '"' || ch == '\\') sb.append('\\').append(ch);
      else if (ch < 0x20) sb.append(String.format("\\u%04x", (int) ch));
      else sb.append(ch);
    }
    sb.append('"');
  }

  /** Most text needs no escaping, and appending it whole is much faster than char by char. */
  private static boolean plain(String s) {
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (ch == '"' || ch == '\\' || ch < 0x20) return false;
    }
    return true;
  }
}
