package org.healthtimeline.io;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.OutputStream;

final class FhirWriter implements EventWriter {
  FhirWriter(OutputStream out) {}

  @Override
  public void begin() {}

  @Override
  public void write(ObjectNode event) {}

  @Override
  public void end() {}
}
