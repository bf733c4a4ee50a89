package org.healthtimeline.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.stream.LongStream;
import org.healthtimeline.errors.FieldError;
import org.healthtimeline.timeline.EventSchemas;
import org.healthtimeline.timeline.EventType;
import org.healthtimeline.timeline.NewEvent;
import org.healthtimeline.web.Json;
import org.junit.jupiter.api.Test;

/** The generator alone, without a database. */
class DemoGeneratorTest {
  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

  static List<NewEvent> events(ZoneId zone, String firstDay, int days, long seed) {
    return DemoGenerator.events(zone, LocalDate.parse(firstDay), days, seed).toList();
  }

  static NewEvent sleepOfTheNightOf(ZoneId zone, String evening, long seed) {
    return DemoGenerator.day(zone, LocalDate.parse(evening), seed).stream()
        .filter(e -> e.type() == EventType.SLEEP).findFirst().orElseThrow();
  }

  @Test
  void the_same_seed_gives_the_same_events_and_another_seed_other_events() {
    List<NewEvent> once = events(BERLIN, "2024-05-01", 30, 7);
    assertThat(events(BERLIN, "2024-05-01", 30, 7)).isEqualTo(once);
    assertThat(events(BERLIN, "2024-05-01", 30, 8)).isNotEqualTo(once);
  }

  @Test
  void a_day_comes_out_the_same_whatever_window_it_is_generated_in() {
    List<NewEvent> mayFirstTo20th = events(BERLIN, "2024-05-01", 20, 7);
    List<NewEvent> may10thTo29th = events(BERLIN, "2024-05-10", 20, 7);
    assertThat(keyedOn(mayFirstTo20th, "2024-05-10", "2024-05-20"))
        .hasSizeGreaterThan(70)
        .isEqualTo(keyedOn(may10thTo29th, "2024-05-10", "2024-05-20"));
  }

  /** The events whose dedupe key names a local date in [from, to]. */
  static List<NewEvent> keyedOn(List<NewEvent> events, String from, String to) {
    return events.stream().filter(e -> {
      String day = e.dedupeKey().split(":")[2];
      return day.compareTo(from) >= 0 && day.compareTo(to) <= 0;
    }).toList();
  }

  @Test
  void every_event_has_a_unique_dedupe_key_and_the_id_that_key_gives() {
    List<NewEvent> year = events(NEW_YORK, "2024-01-01", 366, 3);
    assertThat(new HashSet<>(year.stream().map(NewEvent::dedupeKey).toList())).hasSize(year.size());
    var user = java.util.UUID.randomUUID();
    assertThat(new HashSet<>(year.stream().map(e -> e.forUser(user).id()).toList())).hasSize(year.size());
    assertThat(year).allSatisfy(e -> {
      assertThat(e.dedupeKey()).matches("demo:" + e.type().wire() + ":\\d{4}-\\d{2}-\\d{2}:\\d+");
      assertThat(e.forUser(user).id()).isEqualTo(org.healthtimeline.timeline.EventKeys.forDedupeKey(user, e.dedupeKey()));
      assertThat(e.origin()).isEqualTo("demo");
      assertThat((int) e.utcOffsetMin()).isEqualTo(NEW_YORK.getRules().getOffset(e.occurredAt()).getTotalSeconds() / 60);
    });
  }

  @Test
  void every_event_of_a_year_satisfies_its_types_json_schema() {
    var schemas = new EventSchemas();
    List<FieldError> problems = LongStream.range(1, 6)
        .mapToObj(seed -> DemoGenerator.events(seed % 2 == 0 ? NEW_YORK : ZoneId.of("Asia/Tokyo"),
            LocalDate.of(2024, 1, 1), 366, seed))
        .flatMap(s -> s)
        .flatMap(e -> schemas.validate(e.type(), Json.read(e.data()), e.dedupeKey()).stream())
        .toList();
    assertThat(problems).isEmpty();
  }

  @Test
  void a_meals_totals_are_the_sums_of_its_foods() {
    List<JsonNode> meals = events(BERLIN, "2024-02-01", 60, 11).stream()
        .filter(e -> e.type() == EventType.MEAL).map(e -> Json.read(e.data())).toList();
    assertThat(meals).hasSizeGreaterThan(180).allSatisfy(meal -> {
      JsonNode foods = meal.get("foods");
      assertThat(foods.size()).isBetween(1, 4);
      assertThat(sum(foods, "calories")).isEqualByComparingTo(meal.get("total_calories").decimalValue());
      for (String macro : List.of("protein", "carbs", "fat")) {
        assertThat(sum(foods, "macros." + macro)).isEqualByComparingTo(meal.get("total_macros").get(macro).decimalValue());
      }
    });
  }

  static BigDecimal sum(JsonNode foods, String path) {
    BigDecimal total = BigDecimal.ZERO;
    for (JsonNode food : foods) {
      JsonNode v = food;
      for (String name : path.split("\\.")) v = v.get(name);
      total = total.add(v.decimalValue());
    }
    return total;
  }

  @Test
  void a_night_across_the_spring_forward_change_is_an_hour_shorter_than_the_clocks_say() {
    // Berlin: 2024-03-31 02:00 CET became 03:00 CEST. New York: 2024-03-10 02:00 EST became 03:00 EDT.
    assertClocksDisagreeBy(sleepOfTheNightOf(BERLIN, "2024-03-30", 1001), BERLIN, Duration.ofHours(1));
    assertClocksDisagreeBy(sleepOfTheNightOf(NEW_YORK, "2024-03-09", 1002), NEW_YORK, Duration.ofHours(1));
  }

  @Test
  void a_night_across_the_fall_back_change_is_an_hour_longer_than_the_clocks_say() {
    assertClocksDisagreeBy(sleepOfTheNightOf(BERLIN, "2024-10-26", 1001), BERLIN, Duration.ofHours(-1));
  }

  @Test
  void an_ordinary_night_lasts_what_the_clocks_say_and_its_sleep_fits_inside_it() {
    assertClocksDisagreeBy(sleepOfTheNightOf(BERLIN, "2024-06-12", 1001), BERLIN, Duration.ZERO);
  }

  /** Wall-clock duration minus real duration; and the data's clock times and hours agree with the instants. */
  static void assertClocksDisagreeBy(NewEvent sleep, ZoneId zone, Duration wallMinusReal) {
    LocalDateTime bedClock = LocalDateTime.ofInstant(sleep.occurredAt(), zone);
    LocalDateTime wakeClock = LocalDateTime.ofInstant(sleep.endedAt(), zone);
    Duration real = Duration.between(sleep.occurredAt(), sleep.endedAt());
    assertThat(Duration.between(bedClock, wakeClock).minus(real)).isEqualTo(wallMinusReal);

    JsonNode data = Json.read(sleep.data());
    assertThat(LocalTime.parse(data.get("bedtime").asText())).isEqualTo(bedClock.toLocalTime());
    assertThat(LocalTime.parse(data.get("wake_time").asText())).isEqualTo(wakeClock.toLocalTime());
    double hoursInBed = real.toMinutes() / 60.0;
    double asleep = data.get("total_sleep_hours").asDouble();
    double latency = data.get("sleep_latency_minutes").asDouble() / 60.0;
    assertThat(asleep).isBetween(hoursInBed - latency - 1.0, hoursInBed - latency);
  }

}
