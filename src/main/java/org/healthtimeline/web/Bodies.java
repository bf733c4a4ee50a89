package org.healthtimeline.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.io.CharConversionException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.healthtimeline.errors.InvalidInput;
import org.healthtimeline.errors.PayloadTooLarge;

/** Reads a JSON request body, refusing more than a route's limit before reading all of it. */
public final class Bodies {
  public static final long ONE_MIB = 1L << 20;
  private static final long DRAIN_LIMIT = 64 * ONE_MIB;

  private Bodies() {}

  public static JsonNode json(Context ctx, long limitBytes) {
    long declared = ctx.req().getContentLengthLong();
    byte[] bytes;
    try (InputStream in = ctx.req().getInputStream()) {
      if (declared > limitBytes) throw tooLarge(in, limitBytes);
      bytes = in.readNBytes((int) limitBytes + 1);
      if (bytes.length > limitBytes) throw tooLarge(in, limitBytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (bytes.length == 0) throw new InvalidInput("body", "a JSON body is required");
    try {
      JsonNode node = Json.MAPPER.readTree(bytes);
      if (node == null || node.isMissingNode()) throw new InvalidInput("body", "a JSON body is required");
      return node;
    } catch (StreamConstraintsException e) {
      // Nesting over 64 levels, a number over 1,000 digits, a key over 50,000 characters...: say which.
      throw new InvalidInput("body", "exceeds a limit of the JSON reader: " + e.getOriginalMessage());
    } catch (JsonProcessingException e) {
      throw new InvalidInput("body", "malformed JSON: " + e.getOriginalMessage());
    } catch (CharConversionException e) {
      // Jackson guesses UTF-16/32 from the first bytes (e.g. 00 00 00 7B); what follows may be no character at all.
      throw new InvalidInput("body", "is not JSON text in UTF-8, UTF-16 or UTF-32: " + e.getMessage());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Reads and drops the rest of a refused body (up to a bound): a client still sending it would otherwise
   * meet a closed connection instead of the 413.
   */
  private static PayloadTooLarge tooLarge(InputStream in, long limitBytes) throws IOException {
    long drained = 0;
    byte[] sink = new byte[1 << 16];
    for (int n; drained < DRAIN_LIMIT && (n = in.read(sink)) > 0; ) drained += n;
    return new PayloadTooLarge(limitBytes);
  }

  /** A body that must be a JSON object. */
  public static JsonNode object(Context ctx, long limitBytes) {
    JsonNode node = json(ctx, limitBytes);
    if (!node.isObject()) throw new InvalidInput("body", "must be a JSON object");
    return node;
  }
}
