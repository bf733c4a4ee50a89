package org.healthtimeline.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CoderResult;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The lines of a UTF-8 text file, one at a time, without holding more than one line (and never more than
 * {@code maxLineBytes} of it). A line longer than that is reported as such and skipped to its end. Text in
 * another encoding is refused as soon as it shows: a byte order mark of UTF-16/32 at the start, NUL bytes,
 * or a line that is not valid UTF-8 (Latin-1 and Windows-1252 bytes are the usual case).
 */
final class Lines {
  private final InputStream in;
  private final int maxLineBytes;
  private final byte[] buf = new byte[1 << 16];
  private int pos;
  private int limit;
  private byte[] line = new byte[4096];
  private int length;
  private boolean tooLong;
  private long number;
  private boolean nonAscii;
  private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
      .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);

  Lines(InputStream in, int maxLineBytes) throws IOException {
    this.in = in;
    this.maxLineBytes = maxLineBytes;
    fill();
    rejectOtherEncodings();
  }

  private void rejectOtherEncodings() {
    int n = limit - pos;
    int b0 = n > 0 ? buf[0] & 0xff : -1;
    int b1 = n > 1 ? buf[1] & 0xff : -1;
    if (n >= 4 && ((b0 == 0 && b1 == 0 && (buf[2] & 0xff) == 0xFE && (buf[3] & 0xff) == 0xFF)
        || (b0 == 0xFF && b1 == 0xFE && buf[2] == 0 && buf[3] == 0))) {
      throw new BadFile(Position.line(1), "the file is UTF-32 (it starts with a UTF-32 byte order mark); save it as UTF-8");
    }
    if ((b0 == 0xFE && b1 == 0xFF) || (b0 == 0xFF && b1 == 0xFE)) {
      throw new BadFile(Position.line(1), "the file is UTF-16 (it starts with a UTF-16 byte order mark); save it as UTF-8");
    }
    if (b0 == 0xEF && b1 == 0xBB && n > 2 && (buf[2] & 0xff) == 0xBF) pos = 3;
    else if (b0 == 0 || b1 == 0) {
      throw new BadFile(Position.line(1), "the file has NUL bytes: it looks like UTF-16 or a binary file; save it as UTF-8 text");
    }
  }

  private boolean fill() throws IOException {
    pos = 0;
    limit = 0;
    int n = in.readNBytes(buf, 0, buf.length);
    limit = Math.max(n, 0);
    return limit > 0;
  }

  /** Moves to the next line; false at the end of the file. */
  boolean next() throws IOException {
    length = 0;
    tooLong = false;
    nonAscii = false;
    boolean any = false;
    while (true) {
      if (pos >= limit && !fill()) break;
      any = true;
      int start = pos;
      int end = start;
      while (end < limit && buf[end] != '\n') end++;
      append(start, end);
      pos = end;
      if (end < limit) {
        pos++;
        break;
      }
    }
    if (!any) return false;
    number++;
    if (length > 0 && line[length - 1] == '\r') length--;
    if (nonAscii && !tooLong) requireUtf8();
    return true;
  }

  private void append(int from, int to) {
    int n = to - from;
    if (n == 0) return;
    if (length + n > maxLineBytes) {
      tooLong = true;
      return;
    }
    if (length + n > line.length) line = Arrays.copyOf(line, Math.max(line.length * 2, length + n));
    for (int i = from; i < to; i++) {
      byte b = buf[i];
      if (b < 0) nonAscii = true;
      else if (b == 0) throw new BadFile(Position.line(number + 1), "has a NUL byte: not UTF-8 text (UTF-16, or a binary file?)");
    }
    System.arraycopy(buf, from, line, length, n);
    length += n;
  }

  private void requireUtf8() {
    ByteBuffer bytes = ByteBuffer.wrap(line, 0, length);
    CoderResult r = utf8.reset().decode(bytes, CharBuffer.allocate(length), true);
    if (r.isError()) {
      int at = bytes.position();
      throw new BadFile(Position.line(number), String.format(
          "is not UTF-8 (byte 0x%02X at column %d; a Latin-1 or Windows-1252 file?): save the file as UTF-8", line[at] & 0xff, at + 1));
    }
  }

  /** The current line's bytes are {@code bytes()[0..length())}, its line terminator removed. */
  byte[] bytes() {
    return line;
  }

  int length() {
    return length;
  }

  String text() {
    return new String(line, 0, length, StandardCharsets.UTF_8);
  }

  /** The current line was longer than the limit; its content is not kept. */
  boolean tooLong() {
    return tooLong;
  }

  long number() {
    return number;
  }

  boolean blank() {
    for (int i = 0; i < length; i++) {
      byte b = line[i];
      if (b != ' ' && b != '\t') return false;
    }
    return true;
  }
}
