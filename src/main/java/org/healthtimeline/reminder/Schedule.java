package org.healthtimeline.reminder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import org.healthtimeline.web.Json;

/**
 * When a reminder fires: wall-clock times without an offset, read in the user's time zone at each firing, so a
 * 09:00 reminder stays at 09:00 across DST and when the person moves.
 *
 * <p>The DST rule, in one place ({@link #at}): a local time that does not exist (the hour the clocks skip in
 * spring) fires as late as the gap is long (02:30 on the spring-forward day in Berlin fires at 03:30 local); a
 * local time that exists twice (the hour repeated in autumn) fires once, at its first occurrence (the earlier
 * offset). These are java.time's rules for {@code ZonedDateTime.ofLocal(..., null)}.
 */
sealed interface Schedule {
  /** How far {@link #nextAfter} looks for a weekday the schedule names: any weekday comes within a week. */
  int DAYS_AHEAD = 9;
  /** Whole seconds, always written out: 2025-01-20T15:30:00. */
  DateTimeFormatter LOCAL_DATE_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");

  /** The first firing strictly after {@code after}, or null when there is none (a one-time reminder that fired). */
  Instant nextAfter(Instant after, ZoneId zone);

  ObjectNode toJson();

  /** Whether {@code instant} is one of this schedule's firings in {@code zone}. */
  default boolean firesAt(Instant instant, ZoneId zone) {
    return instant.equals(nextAfter(instant.minusNanos(1), zone));
  }

  /** The next {@code count} firings after {@code after}, fewer when the schedule ends. */
  default List<Instant> upcoming(Instant after, ZoneId zone, int count) {
    var out = new ArrayList<Instant>(count);
    for (Instant t = nextAfter(after, zone); t != null && out.size() < count; t = nextAfter(t, zone)) out.add(t);
    return out;
  }

  /**
   * The first instant after {@code after} among the local times {@code times} gives for each date (in order) whose
   * weekday is in {@code days}, from the day before {@code after}'s local date (a window may cross midnight).
   */
  private static Instant firstAfter(Instant after, ZoneId zone, Set<DayOfWeek> days, Function<LocalDate, List<LocalDateTime>> times) {
    LocalDate first = after.atZone(zone).toLocalDate().minusDays(1);
    for (int i = 0; i < DAYS_AHEAD; i++) {
      LocalDate date = first.plusDays(i);
      if (!days.contains(date.getDayOfWeek())) continue;
      for (LocalDateTime local : times.apply(date)) {
        Instant t = at(local, zone);
        if (t.isAfter(after)) return t;
      }
    }
    return null;
  }

  /** The instant of a local date-time in a zone, by the DST rule above. */
  static Instant at(LocalDateTime local, ZoneId zone) {
    return ZonedDateTime.ofLocal(local, zone, null).toInstant();
  }

  /** Every day at {@code time}, on the weekdays in {@code days}. */
  record Daily(LocalTime time, Set<DayOfWeek> days) implements Schedule {
    public Daily {
      days = Set.copyOf(EnumSet.copyOf(days));
    }

    @Override
    public Instant nextAfter(Instant after, ZoneId zone) {
      return firstAfter(after, zone, days, date -> List.of(date.atTime(time)));
    }

    @Override
    public ObjectNode toJson() {
      ObjectNode o = Json.MAPPER.createObjectNode().put("type", "daily").put("time", hhmm(time));
      o.set("days", dayNames(days));
      return o;
    }
  }

  /** Once a week, on {@code day} at {@code time}. */
  record Weekly(DayOfWeek day, LocalTime time) implements Schedule {
    @Override
    public Instant nextAfter(Instant after, ZoneId zone) {
      return new Daily(time, EnumSet.of(day)).nextAfter(after, zone);
    }

    @Override
    public ObjectNode toJson() {
      return Json.MAPPER.createObjectNode().put("type", "weekly").put("day", dayName(day)).put("time", hhmm(time));
    }
  }

  /**
   * Every {@code everyHours} hours of wall-clock time from {@code start} up to and including {@code end}, on the
   * weekdays in {@code days}. An {@code end} before {@code start} is a window that crosses midnight (22:00 to
   * 06:00); such a window belongs to the day it starts on. The firings are the local times on that grid, each
   * once, so a DST night moves none of them.
   */
  record Interval(int everyHours, LocalTime start, LocalTime end, Set<DayOfWeek> days) implements Schedule {
    public Interval {
      days = Set.copyOf(EnumSet.copyOf(days));
    }

    @Override
    public Instant nextAfter(Instant after, ZoneId zone) {
      return firstAfter(after, zone, days, date -> {
        LocalDateTime last = (end.isBefore(start) ? date.plusDays(1) : date).atTime(end);
        var grid = new ArrayList<LocalDateTime>();
        for (LocalDateTime local = date.atTime(start); !local.isAfter(last); local = local.plusHours(everyHours)) grid.add(local);
        return grid;
      });
    }

    @Override
    public ObjectNode toJson() {
      ObjectNode o = Json.MAPPER.createObjectNode().put("type", "interval").put("every_hours", everyHours)
          .put("start", hhmm(start)).put("end", hhmm(end));
      o.set("days", dayNames(days));
      return o;
    }
  }

  /** Once, at a local date-time. */
  record OneTime(LocalDateTime at) implements Schedule {
    @Override
    public Instant nextAfter(Instant after, ZoneId zone) {
      Instant t = Schedule.at(at, zone);
      return t.isAfter(after) ? t : null;
    }

    @Override
    public ObjectNode toJson() {
      return Json.MAPPER.createObjectNode().put("type", "one_time").put("datetime", at.format(LOCAL_DATE_TIME));
    }
  }

  private static String hhmm(LocalTime t) {
    return t.toString();
  }

  static String dayName(DayOfWeek d) {
    return d.getDisplayName(TextStyle.SHORT, Locale.ROOT).toLowerCase(Locale.ROOT);
  }

  private static JsonNode dayNames(Set<DayOfWeek> days) {
    var a = Json.MAPPER.createArrayNode();
    EnumSet.copyOf(days).forEach(d -> a.add(dayName(d)));
    return a;
  }
}
