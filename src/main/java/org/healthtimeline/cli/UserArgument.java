package org.healthtimeline.cli;

import java.util.UUID;
import org.healthtimeline.errors.NotFound;
import org.healthtimeline.user.UserService;

/** A user named on the command line by their id or their external_id. */
public final class UserArgument {
  private UserArgument() {}

  /** The id as given when it is one (whether that user exists is for the command to find), else by external_id. */
  public static UUID resolve(UserService users, String idOrExternalId) {
    if (idOrExternalId.length() == 36) {
      try {
        return UUID.fromString(idOrExternalId);
      } catch (IllegalArgumentException notAUuid) {
        // an external id that happens to be 36 characters long
      }
    }
    return users.findByExternalId(idOrExternalId)
        .orElseThrow(() -> new NotFound("user", "no user has the id or external_id " + idOrExternalId)).id();
  }
}
