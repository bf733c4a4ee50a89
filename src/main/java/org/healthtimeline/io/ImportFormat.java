package org.healthtimeline.io;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import org.healthtimeline.errors.InvalidInput;

/** The formats {@code timeline import} and {@code POST .../imports} read, by name, media type and content. */
public enum ImportFormat {
  NDJSON("ndjson", "application/x-ndjson"),
  CSV("csv", "text/csv"),
  APPLE_HEALTH("apple-health", "application/xml"),
  FHIR("fhir", "application/fhir+json");

  private final String wire;
  private final String mediaType;

  ImportFormat(String wire, String mediaType) {
    this.wire = wire;
    this.mediaType = mediaType;
  }

  public String wire() {
    return wire;
  }

  public String mediaType() {
    return mediaType;
  }

  public static ImportFormat parse(String field, String name) {
    return Arrays.stream(values()).filter(f -> f.wire.equals(name)).findFirst()
        .orElseThrow(() -> new InvalidInput(field, "must be one of " + names()));
  }

  static String names() {
    return String.join(", ", Arrays.stream(values()).map(ImportFormat::wire).toList());
  }

  /** The format a Content-Type names, if it names one (application/json says nothing: NDJSON or FHIR). */
  static Optional<ImportFormat> ofMediaType(String contentType) {
    if (contentType == null) return Optional.empty();
    String type = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    return switch (type) {
      case "application/x-ndjson", "application/ndjson", "application/jsonl", "application/x-jsonlines" -> Optional.of(NDJSON);
      case "text/csv" -> Optional.of(CSV);
      case "application/xml", "text/xml" -> Optional.of(APPLE_HEALTH);
      case "application/fhir+json" -> Optional.of(FHIR);
      default -> Optional.empty();
    };
  }

  /** The format a file name's extension names, if any. */
  static Optional<ImportFormat> ofFileName(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    if (n.endsWith(".ndjson") || n.endsWith(".jsonl")) return Optional.of(NDJSON);
    if (n.endsWith(".csv")) return Optional.of(CSV);
    if (n.endsWith(".xml")) return Optional.of(APPLE_HEALTH);
    return Optional.empty();
  }

  /**
   * The format of a file's first bytes: XML is an Apple Health export; a first line that is a whole JSON object
   * is NDJSON unless it is a FHIR resource; JSON that spans lines is a FHIR Bundle; a header naming occurred_at
   * is our CSV. Empty when none fits, so the caller can ask for --format.
   */
  static Optional<ImportFormat> sniff(byte[] head, int length) {
    String text = new String(head, 0, length, StandardCharsets.UTF_8);
    if (text.startsWith("\uFEFF")) text = text.substring(1);
    String start = text.stripLeading();
    if (start.startsWith("<")) return Optional.of(APPLE_HEALTH);
    if (start.startsWith("{")) {
      int nl = start.indexOf('\n');
      String firstLine = (nl < 0 ? start : start.substring(0, nl)).strip();
      boolean wholeObject = firstLine.length() > 1 && firstLine.endsWith("}");
      if (start.contains("\"resourceType\"") && (!wholeObject || firstLine.contains("\"Bundle\""))) return Optional.of(FHIR);
      return Optional.of(wholeObject ? NDJSON : FHIR);
    }
    int nl = text.indexOf('\n');
    String header = nl < 0 ? text : text.substring(0, nl);
    if (header.contains(",") && header.contains("occurred_at")) return Optional.of(CSV);
    return Optional.empty();
  }
}
