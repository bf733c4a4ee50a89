package org.healthtimeline.io;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/** Writes exported events one at a time, as the API shows them (UTC times, {@code utc_offset_minutes}). */
interface EventWriter {
  void begin() throws IOException;

  void write(ObjectNode event) throws IOException;

  void end() throws IOException;
}
