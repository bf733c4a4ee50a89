package org.healthtimeline.timeline;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The 14 kinds of event: seed 000's eight and seed 002's six more. Mirrors the SQL enum event_type. */
public enum EventType {
  MEAL, SLEEP, EXERCISE, SYMPTOM, MOOD, STRESS, TRACKER, CUSTOM,
  MEDICATION, ASSESSMENT, VITAL, TREATMENT, APPOINTMENT, NOTE;

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<EventType> fromWire(String s) {
    return Arrays.stream(values()).filter(t -> t.wire().equals(s)).findFirst();
  }

  static String names() {
    return String.join(", ", Arrays.stream(values()).map(EventType::wire).toList());
  }
}
