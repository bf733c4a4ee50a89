package org.healthtimeline.io;

import java.util.Arrays;
import org.healthtimeline.errors.InvalidInput;

/** The formats {@code timeline export} and {@code GET .../export} write. */
public enum ExportFormat {
  NDJSON("ndjson", "application/x-ndjson"),
  CSV("csv", "text/csv"),
  FHIR("fhir", "application/fhir+json");

  private final String wire;
  private final String mediaType;

  ExportFormat(String wire, String mediaType) {
    this.wire = wire;
    this.mediaType = mediaType;
  }

  public String mediaType() {
    return mediaType;
  }

  public String wire() {
    return wire;
  }

  public static ExportFormat parse(String field, String name) {
    return Arrays.stream(values()).filter(f -> f.wire.equals(name)).findFirst().orElseThrow(() ->
        new InvalidInput(field, "must be one of " + String.join(", ", Arrays.stream(values()).map(ExportFormat::wire).toList())));
  }
}
