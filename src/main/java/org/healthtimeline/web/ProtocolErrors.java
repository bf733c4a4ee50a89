package org.healthtimeline.web;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's answer to requests it refuses before Javalin sees them (a %00 or an encoded slash in the path, a
 * broken %-escape, a request target over 8 KiB, oversized headers): application/problem+json like every other
 * refusal, instead of Jetty's HTML page. Jetty does not say which part was wrong beyond the status.
 */
public final class ProtocolErrors extends ErrorHandler {

  /** Jetty writes no body for PATCH, DELETE and others by default; a client should get one for every method. */
  @Override
  public boolean errorPageForMethod(String method) {
    return true;
  }

  @Override
  protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
      Callback callback) {
    String title = HttpStatus.getMessage(code);
    // Jetty's message for a 5xx may be an exception's; keep internals out of the body, as Problems does.
    String detail = code >= 500 || message == null || message.isBlank() ? title : message;
    String field = switch (code) {
      case 414 -> "request-target";
      case 431 -> "headers";
      case 413 -> "body";
      default -> code < 500 ? "request" : null;
    };
    byte[] body = Json.write(Problems.body(code, "http-" + code, title, detail, null, field, null)).getBytes(StandardCharsets.UTF_8);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, Problems.CONTENT_TYPE);
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
    response.write(true, ByteBuffer.wrap(body), callback);
  }
}
