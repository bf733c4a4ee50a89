package org.healthtimeline.reminder;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.healthtimeline.web.Fields;

/**
 * Reads a schedule document, naming each bad field as {@code schedule.<name>}. Shapes (seed 003 and this issue):
 * <pre>
 *   {"type":"daily",    "time":"09:00", "days":["mon","wed"]}           days optional: every day
 *   {"type":"weekly",   "day":"sun", "time":"18:00"}
 *   {"type":"interval", "every_hours":2, "start":"08:00", "end":"20:00", "days":[...]}   start, end, days optional
 *   {"type":"one_time", "datetime":"2025-01-20T15:30:00"}
 * </pre>
 * Days are names ({@code mon} or {@code monday}) or seed 003's numbers 0-6, where 0 is Monday (as Python's
 * {@code weekday()} and APScheduler count, which the seed's bot used). Stored and returned as names.
 */
final class ScheduleInput {
  static final List<String> TYPES = List.of("daily", "weekly", "interval", "one_time");
  private static final Pattern TIME = Pattern.compile("([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?");
  private static final String TIME_RULE = "must be a time of day from 00:00 to 23:59 (HH:MM, 24-hour)";
  private static final Set<String> DAILY = Set.of("type", "time", "days");
  private static final Set<String> WEEKLY = Set.of("type", "day", "time");
  private static final Set<String> INTERVAL = Set.of("type", "every_hours", "start", "end", "days");
  private static final Set<String> ONE_TIME = Set.of("type", "datetime");

  private ScheduleInput() {}

  /** The schedule, or null with the problems added to {@code errors} (which the caller checks). */
  static Schedule parse(JsonNode node, Fields errors) {
    if (node == null || node.isNull()) {
      errors.fail("schedule", "is required");
      return null;
    }
    if (!node.isObject()) {
      errors.fail("schedule", "must be an object with a type: " + String.join(", ", TYPES));
      return null;
    }
    var f = new Fields(node, "schedule.");
    String type = f.requiredText("type", 20);
    Schedule s = switch (type == null ? "" : type) {
      case "daily" -> {
        f.onlyKnown(DAILY);
        LocalTime time = time(f, node, "time", null);
        Set<DayOfWeek> days = days(f, node, "days");
        yield time == null || days == null ? null : new Schedule.Daily(time, days);
      }
      case "weekly" -> {
        f.onlyKnown(WEEKLY);
        DayOfWeek day = day(f, node, "day");
        LocalTime time = time(f, node, "time", null);
        yield day == null || time == null ? null : new Schedule.Weekly(day, time);
      }
      case "interval" -> {
        f.onlyKnown(INTERVAL);
        if (!f.given("every_hours")) f.fail("every_hours", "is required: the hours between two firings, 1 to 24");
        Long every = f.integer("every_hours", 1, 24);
        LocalTime start = time(f, node, "start", LocalTime.MIN);
        LocalTime end = time(f, node, "end", LocalTime.of(23, 59));
        Set<DayOfWeek> days = days(f, node, "days");
        yield every == null || start == null || end == null || days == null ? null
            : new Schedule.Interval(every.intValue(), start, end, days);
      }
      case "one_time" -> {
        f.onlyKnown(ONE_TIME);
        LocalDateTime at = dateTime(f, "datetime");
        yield at == null ? null : new Schedule.OneTime(at);
      }
      default -> {
        if (type != null) f.fail("type", "must be one of " + String.join(", ", TYPES));
        yield null;
      }
    };
    errors.addAll(f.errors());
    return f.errors().isEmpty() ? s : null;
  }

  private static LocalTime time(Fields f, JsonNode node, String name, LocalTime absent) {
    if (!f.given(name)) {
      if (absent == null) f.fail(name, "is required: " + TIME_RULE.substring(5));
      return absent;
    }
    String s = f.text(name, 8);
    if (s == null) return null;
    if (!TIME.matcher(s).matches()) {
      f.fail(name, TIME_RULE);
      return null;
    }
    return LocalTime.parse(s);
  }

  private static Set<DayOfWeek> days(Fields f, JsonNode node, String name) {
    if (!f.given(name)) return EnumSet.allOf(DayOfWeek.class);
    JsonNode v = node.get(name);
    if (!v.isArray()) {
      f.fail(name, "must be a list of weekdays, e.g. [\"mon\",\"fri\"] or [0,4] (0 is Monday)");
      return null;
    }
    if (v.isEmpty()) {
      f.fail(name, "must name at least one weekday; leave it out for every day");
      return null;
    }
    var days = EnumSet.noneOf(DayOfWeek.class);
    for (int i = 0; i < v.size(); i++) {
      DayOfWeek d = dayOf(v.get(i));
      if (d == null) f.fail(name + "[" + i + "]", "must be a weekday: mon to sun, or 0 (Monday) to 6 (Sunday)");
      else days.add(d);
    }
    return days.isEmpty() ? null : days;
  }

  private static DayOfWeek day(Fields f, JsonNode node, String name) {
    if (!f.given(name)) {
      f.fail(name, "is required: a weekday, mon to sun, or 0 (Monday) to 6 (Sunday)");
      return null;
    }
    DayOfWeek d = dayOf(node.get(name));
    if (d == null) f.fail(name, "must be a weekday: mon to sun, or 0 (Monday) to 6 (Sunday)");
    return d;
  }

  private static DayOfWeek dayOf(JsonNode v) {
    if (v.isIntegralNumber()) {
      return v.canConvertToInt() && v.intValue() >= 0 && v.intValue() <= 6 ? DayOfWeek.of(v.intValue() + 1) : null;
    }
    if (!v.isTextual()) return null;
    String s = v.textValue().toLowerCase(Locale.ROOT);
    for (DayOfWeek d : DayOfWeek.values()) {
      if (s.equals(Schedule.dayName(d)) || s.equals(d.name().toLowerCase(Locale.ROOT))) return d;
    }
    return null;
  }

  private static LocalDateTime dateTime(Fields f, String name) {
    if (!f.given(name)) {
      f.fail(name, "is required: a local date-time without an offset, e.g. 2025-01-20T15:30:00");
      return null;
    }
    String s = f.text(name, 32);
    if (s == null) return null;
    try {
      LocalDateTime t = LocalDateTime.parse(s);
      if (t.getNano() != 0) {
        f.fail(name, "must be in whole seconds, e.g. 2025-01-20T15:30:00");
        return null;
      }
      if (t.getYear() < 2000 || t.getYear() > 2200) {
        f.fail(name, "must be between the years 2000 and 2200");
        return null;
      }
      return t;
    } catch (DateTimeParseException e) {
      f.fail(name, "must be a local date-time without an offset (read in the user's time zone), e.g. 2025-01-20T15:30:00");
      return null;
    }
  }
}
