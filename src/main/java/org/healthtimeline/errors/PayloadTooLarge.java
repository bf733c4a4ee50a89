package org.healthtimeline.errors;

/** The request body is larger than the route accepts: HTTP 413. */
public final class PayloadTooLarge extends RuntimeException {
  private final long limitBytes;

  public PayloadTooLarge(long limitBytes) {
    super("the request body is larger than " + limitBytes + " bytes");
    this.limitBytes = limitBytes;
  }

  public long limitBytes() {
    return limitBytes;
  }
}
