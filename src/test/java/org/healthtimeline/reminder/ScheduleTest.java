package org.healthtimeline.reminder;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import org.healthtimeline.errors.FieldError;
import org.healthtimeline.web.Fields;
import org.healthtimeline.web.Json;
import org.junit.jupiter.api.Test;

/** The next-firing computation and the DST rule, on fixed instants (seed 001's time zone checklist). */
class ScheduleTest {
  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

  @Test
  void a_user_in_utc_with_a_reminder_at_0800_gets_it_at_0800_utc() {
    assertThat(daily("08:00").nextAfter(t("2024-01-15T00:00:00Z"), ZoneId.of("UTC"))).isEqualTo(t("2024-01-15T08:00:00Z"));
  }

  @Test
  void eight_in_new_york_is_1300_utc_in_winter_and_1200_utc_in_summer() {
    assertThat(daily("08:00").nextAfter(t("2024-01-15T00:00:00Z"), NEW_YORK)).isEqualTo(t("2024-01-15T13:00:00Z"));
    assertThat(daily("08:00").nextAfter(t("2024-07-15T00:00:00Z"), NEW_YORK)).isEqualTo(t("2024-07-15T12:00:00Z"));
  }

  @Test
  void eight_in_new_york_moves_an_hour_in_utc_across_the_spring_forward_weekend() {
    assertThat(daily("08:00").upcoming(t("2024-03-09T00:00:00Z"), NEW_YORK, 2))
        .containsExactly(t("2024-03-09T13:00:00Z"), t("2024-03-10T12:00:00Z"));
  }

  @Test
  void half_past_two_in_berlin_on_the_spring_forward_day_fires_once_at_half_past_three() {
    List<Instant> firings = between(daily("02:30"), BERLIN, "2024-03-30T12:00:00Z", "2024-04-01T00:00:00Z");
    assertThat(firings).containsExactly(t("2024-03-31T01:30:00Z"));
    assertThat(local(firings.getFirst(), BERLIN)).isEqualTo("2024-03-31T03:30+02:00[Europe/Berlin]");
  }

  @Test
  void half_past_two_in_berlin_on_the_fall_back_day_fires_once_at_its_first_occurrence() {
    List<Instant> firings = between(daily("02:30"), BERLIN, "2024-10-26T12:00:00Z", "2024-10-28T00:00:00Z");
    assertThat(firings).containsExactly(t("2024-10-27T00:30:00Z"));
    assertThat(local(firings.getFirst(), BERLIN)).isEqualTo("2024-10-27T02:30+02:00[Europe/Berlin]");
  }

  @Test
  void the_days_after_a_dst_change_keep_the_local_time() {
    assertThat(daily("02:30").upcoming(t("2024-03-31T01:30:00Z"), BERLIN, 1)).containsExactly(t("2024-04-01T00:30:00Z"));
    assertThat(daily("02:30").upcoming(t("2024-10-27T00:30:00Z"), BERLIN, 1)).containsExactly(t("2024-10-28T01:30:00Z"));
  }

  @Test
  void a_daily_reminder_fires_only_on_its_weekdays() {
    Schedule weekdays = parse("{\"type\":\"daily\",\"time\":\"07:15\",\"days\":[\"mon\",\"wed\",4]}");
    // 2024-01-15 is a Monday; 4 is Friday.
    assertThat(weekdays.upcoming(t("2024-01-14T12:00:00Z"), ZoneId.of("UTC"), 4)).containsExactly(
        t("2024-01-15T07:15:00Z"), t("2024-01-17T07:15:00Z"), t("2024-01-19T07:15:00Z"), t("2024-01-22T07:15:00Z"));
  }

  @Test
  void a_weekly_reminder_fires_on_its_day() {
    Schedule sundays = parse("{\"type\":\"weekly\",\"day\":\"sunday\",\"time\":\"18:00\"}");
    assertThat(sundays.upcoming(t("2024-03-20T00:00:00Z"), BERLIN, 2))
        .containsExactly(t("2024-03-24T17:00:00Z"), t("2024-03-31T16:00:00Z"));
  }

  @Test
  void an_interval_fires_on_its_wall_clock_grid_within_the_window() {
    Schedule everyThree = parse("{\"type\":\"interval\",\"every_hours\":3,\"start\":\"08:00\",\"end\":\"20:00\"}");
    assertThat(between(everyThree, ZoneId.of("UTC"), "2024-01-15T00:00:00Z", "2024-01-16T00:00:00Z")).containsExactly(
        t("2024-01-15T08:00:00Z"), t("2024-01-15T11:00:00Z"), t("2024-01-15T14:00:00Z"), t("2024-01-15T17:00:00Z"),
        t("2024-01-15T20:00:00Z"));
  }

  @Test
  void an_hourly_interval_through_the_spring_forward_night_fires_each_remaining_hour_once() {
    Schedule hourly = parse("{\"type\":\"interval\",\"every_hours\":1,\"start\":\"00:00\",\"end\":\"05:00\"}");
    // 02:00 does not exist that night; it becomes 03:00, which the grid has anyway: one firing, not two.
    assertThat(between(hourly, BERLIN, "2024-03-30T22:00:00Z", "2024-03-31T12:00:00Z")).containsExactly(
        t("2024-03-30T23:00:00Z"), t("2024-03-31T00:00:00Z"), t("2024-03-31T01:00:00Z"), t("2024-03-31T02:00:00Z"),
        t("2024-03-31T03:00:00Z"));
  }

  @Test
  void an_hourly_interval_through_the_fall_back_night_fires_the_repeated_hour_once() {
    Schedule hourly = parse("{\"type\":\"interval\",\"every_hours\":1,\"start\":\"00:00\",\"end\":\"05:00\"}");
    assertThat(between(hourly, BERLIN, "2024-10-26T21:00:00Z", "2024-10-27T12:00:00Z")).containsExactly(
        t("2024-10-26T22:00:00Z"), t("2024-10-26T23:00:00Z"), t("2024-10-27T00:00:00Z"), t("2024-10-27T02:00:00Z"),
        t("2024-10-27T03:00:00Z"), t("2024-10-27T04:00:00Z"));
  }

  @Test
  void an_interval_whose_end_is_before_its_start_crosses_midnight() {
    Schedule night = parse("{\"type\":\"interval\",\"every_hours\":2,\"start\":\"22:00\",\"end\":\"02:00\",\"days\":[\"fri\"]}");
    // 2024-01-19 is a Friday: its window runs into Saturday morning.
    assertThat(between(night, ZoneId.of("UTC"), "2024-01-15T00:00:00Z", "2024-01-22T00:00:00Z"))
        .containsExactly(t("2024-01-19T22:00:00Z"), t("2024-01-20T00:00:00Z"), t("2024-01-20T02:00:00Z"));
  }

  @Test
  void a_one_time_reminder_fires_once_and_a_local_time_in_the_gap_moves_by_the_gap() {
    Schedule once = parse("{\"type\":\"one_time\",\"datetime\":\"2024-03-31T02:15:00\"}");
    assertThat(once.upcoming(t("2024-03-01T00:00:00Z"), BERLIN, 5)).containsExactly(t("2024-03-31T01:15:00Z"));
    assertThat(once.nextAfter(t("2024-03-31T01:15:00Z"), BERLIN)).isNull();
    assertThat(parse("{\"type\":\"one_time\",\"datetime\":\"2025-01-20T15:30\"}").toJson().get("datetime").asText())
        .isEqualTo("2025-01-20T15:30:00");
  }

  @Test
  void the_same_schedule_fires_at_other_instants_in_another_zone() {
    Instant after = t("2024-01-15T00:00:00Z");
    assertThat(daily("09:00").nextAfter(after, BERLIN)).isEqualTo(t("2024-01-15T08:00:00Z"));
    assertThat(daily("09:00").nextAfter(after, NEW_YORK)).isEqualTo(t("2024-01-15T14:00:00Z"));
  }

  @Test
  void fires_at_tells_a_firing_from_any_other_instant() {
    assertThat(daily("02:30").firesAt(t("2024-03-31T01:30:00Z"), BERLIN)).isTrue();
    assertThat(daily("02:30").firesAt(t("2024-10-27T01:30:00Z"), BERLIN)).as("the repeated 02:30").isFalse();
    assertThat(daily("02:30").firesAt(t("2024-03-31T01:30:00Z"), NEW_YORK)).isFalse();
  }

  @Test
  void a_schedule_reads_back_what_it_writes_with_days_as_names() {
    Schedule s = parse("{\"type\":\"interval\",\"every_hours\":2,\"days\":[6,0,0]}");
    assertThat(s.toJson().toString())
        .isEqualTo("{\"type\":\"interval\",\"every_hours\":2,\"start\":\"00:00\",\"end\":\"23:59\",\"days\":[\"mon\",\"sun\"]}");
    assertThat(parse(s.toJson().toString())).isEqualTo(s);
    assertThat(parse("{\"type\":\"daily\",\"time\":\"09:00\"}").toJson().toString())
        .isEqualTo("{\"type\":\"daily\",\"time\":\"09:00\",\"days\":[\"mon\",\"tue\",\"wed\",\"thu\",\"fri\",\"sat\",\"sun\"]}");
  }

  @Test
  void each_bad_schedule_names_its_field() {
    assertThat(problems("{\"type\":\"daily\",\"time\":\"25:00\"}")).extracting(FieldError::field).containsExactly("schedule.time");
    assertThat(problems("{\"type\":\"daily\",\"time\":\"9am\"}")).extracting(FieldError::field).containsExactly("schedule.time");
    assertThat(problems("{\"type\":\"daily\",\"time\":\"09:00\",\"days\":[]}")).extracting(FieldError::field).containsExactly("schedule.days");
    assertThat(problems("{\"type\":\"daily\",\"time\":\"09:00\",\"days\":[\"mon\",7]}")).extracting(FieldError::field)
        .containsExactly("schedule.days[1]");
    assertThat(problems("{\"type\":\"interval\",\"every_hours\":0}")).extracting(FieldError::field).containsExactly("schedule.every_hours");
    assertThat(problems("{\"type\":\"interval\"}")).extracting(FieldError::field).containsExactly("schedule.every_hours");
    assertThat(problems("{\"type\":\"weekly\",\"time\":\"09:00\"}")).extracting(FieldError::field).containsExactly("schedule.day");
    assertThat(problems("{\"type\":\"one_time\",\"datetime\":\"2025-01-20T15:30:00+01:00\"}")).extracting(FieldError::field)
        .containsExactly("schedule.datetime");
    assertThat(problems("{\"type\":\"one_time\",\"datetime\":\"2025-01-20T15:30:00.5\"}")).extracting(FieldError::field)
        .containsExactly("schedule.datetime");
    assertThat(problems("{\"type\":\"hourly\"}")).extracting(FieldError::field).containsExactly("schedule.type");
    assertThat(problems("{\"time\":\"09:00\"}")).extracting(FieldError::field).containsExactly("schedule.type");
    assertThat(problems("{\"type\":\"daily\",\"time\":\"09:00\",\"colour\":\"red\"}")).extracting(FieldError::field)
        .containsExactly("schedule.colour");
    assertThat(problems("[]")).extracting(FieldError::field).containsExactly("schedule");
  }

  // ---- factories ----

  private static Schedule daily(String time) {
    return parse("{\"type\":\"daily\",\"time\":\"" + time + "\"}");
  }

  static Schedule parse(String json) {
    var f = new Fields(Json.read("{}"));
    Schedule s = ScheduleInput.parse(Json.read(json), f);
    f.check();
    return s;
  }

  private static List<FieldError> problems(String json) {
    var f = new Fields(Json.read("{}"));
    JsonNode node = Json.read(json);
    assertThat(ScheduleInput.parse(node, f)).isNull();
    return f.errors();
  }

  /** Every firing in [from, to). */
  private static List<Instant> between(Schedule s, ZoneId zone, String from, String to) {
    return s.upcoming(t(from).minusNanos(1), zone, 100).stream().filter(i -> i.isBefore(t(to))).toList();
  }

  private static String local(Instant t, ZoneId zone) {
    return ZonedDateTime.ofInstant(t, zone).toString();
  }

  private static Instant t(String s) {
    return Instant.parse(s);
  }
}
