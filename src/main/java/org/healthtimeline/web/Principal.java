package org.healthtimeline.web;

import java.util.UUID;

/** Who a bearer token speaks for: any user (a service, such as a bot's backend) or one user. */
public record Principal(boolean service, UUID userId) {

  public static Principal ofService() {
    return new Principal(true, null);
  }

  public static Principal ofUser(UUID userId) {
    return new Principal(false, userId);
  }

  public boolean mayActFor(UUID user) {
    return service || userId.equals(user);
  }
}
