package org.healthtimeline.summary;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.healthtimeline.medication.MedicationService;
import org.healthtimeline.testing.MutableClock;
import org.healthtimeline.testing.TestApi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The summaries' medication adherence agrees with GET …/medications/adherence, overall and per medication, for doses
 * written through the medications API: taken, late, skipped, recorded as missed, never recorded (written as missed
 * by the medications feature's task once their day has passed), taken as needed, and an extra dose of a scheduled
 * medication. A week is lived day by day on the app's clock; each morning the task runs, and the day before is
 * compared with the endpoint's last two days (today has nothing yet).
 */
class AdherenceAgreementTest {
  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  static final LocalDate MONDAY = LocalDate.parse("2024-03-04");

  /**
   * A day's doses: Metformin at 08:00 and 20:00, Vitamin D at 09:00, each T taken on time, L taken late (2.5 hours
   * after), S skipped, M recorded as missed, or - never recorded; and how many ibuprofen were taken as needed.
   */
  record Day(String metformin, String vitaminD, int ibuprofen) {}

  static final List<Day> WEEK = List.of(new Day("TT", "T", 0), new Day("TL", "-", 1), new Day("S-", "T", 0),
      new Day("TT", "M", 2), new Day("L-", "T", 0), new Day("--", "S", 1), new Day("TT", "T", 0));

  static MutableClock clock = new MutableClock(at(MONDAY, "06:00"));
  static TestApi api;
  static TestApi.User user;
  static MedicationService missedDoseTask;
  static String metformin;
  static String vitaminD;
  static String ibuprofen;

  @BeforeAll
  static void up() {
    api = TestApi.start(clock);
    user = api.newUser(BERLIN.getId());
    missedDoseTask = new MedicationService(api.db.tx(), api.app.users(), clock);
    metformin = define("{\"name\":\"Metformin\",\"dose\":500,\"unit\":\"mg\",\"schedule\":{\"times\":[\"08:00\",\"20:00\"]}}");
    vitaminD = define("{\"name\":\"Vitamin D\",\"dose\":1000,\"unit\":\"IU\",\"schedule\":{\"times\":[\"09:00\"]}}");
    ibuprofen = define("{\"name\":\"Ibuprofen\",\"dose\":400,\"unit\":\"mg\",\"as_needed\":true}");
  }

  @AfterAll
  static void down() {
    api.close();
  }

  @Test
  void each_local_days_adherence_and_the_weeks_equal_what_the_medications_endpoint_says() {
    for (int i = 0; i < WEEK.size(); i++) {
      LocalDate day = MONDAY.plusDays(i);
      clock.set(at(day, "23:00"));
      record(day, WEEK.get(i));
      if (day.equals(MONDAY.plusDays(6))) {
        // Sunday night, every dose of the week due and Saturday's unrecorded ones written as missed: the 7 days.
        assertThat(summary(MONDAY, day)).as("the week").isEqualTo(endpoint(7));
      }
      clock.set(at(day.plusDays(1), "00:30"));
      missedDoseTask.settleMissedDoses();

      assertThat(summary(day, day)).as(day.toString()).isEqualTo(endpoint(2));
      assertThat(daily(day)).as("the daily summary of " + day).isEqualTo(summary(day, day));
    }
    assertThat(summary(MONDAY, MONDAY.plusDays(6)).overall())
        .isEqualTo("taken 11, late 2, skipped 2, missed 6, unscheduled 5: 52.4");

    // Wednesday's 20:00 Metformin, written as missed, was taken late after all: its event changes, and so do both.
    clock.set(at(MONDAY.plusDays(7), "08:00"));
    var late = api.post(doses(metformin), user.token(), """
        {"status":"late","scheduled_for":"%s","taken_at":"%s"}""".formatted(at(MONDAY.plusDays(2), "20:00"), at(MONDAY.plusDays(2), "23:30")));
    assertThat(late.status()).as(late.toString()).isEqualTo(200);
    assertThat(summary(MONDAY, MONDAY.plusDays(7))).isEqualTo(endpoint(8));
    assertThat(summary(MONDAY.plusDays(2), MONDAY.plusDays(2)).overall()).isEqualTo("taken 1, late 1, skipped 1, missed 0, unscheduled 0: 33.3");
  }

  @Test
  void without_a_date_the_daily_summary_is_of_today_in_the_users_zone_on_the_apps_clock() {
    clock.set(Instant.parse("2024-03-10T23:30:00Z"));

    var r = api.get(path("/summary/daily"), user.token());

    assertThat(r.json().get("date").asText()).as("00:30 in Berlin").isEqualTo("2024-03-11");
  }

  // ---- helpers ----

  /** A bucket's or a window's doses overall and per medication, as "taken 1, late 0, ...: rate". */
  record Figures(String overall, Map<String, String> perMedication) {}

  private static Figures summary(LocalDate from, LocalDate to) {
    var r = api.get(path("/aggregates?metric=medication_adherence&bucket=month&from=" + from + "&to=" + to), user.token());
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    assertThat(r.json().get("buckets")).as("one month").hasSize(1);
    return figures(r.json().get("buckets").get(0));
  }

  private static Figures daily(LocalDate day) {
    var r = api.get(path("/summary/daily?date=" + day), user.token());
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    return figures(r.json().get("metrics").get("medication_adherence"));
  }

  private static Figures figures(JsonNode value) {
    var per = new TreeMap<String, String>();
    value.get("by_medication").properties().forEach(e -> per.put(e.getKey(), summaryLine(e.getValue())));
    return new Figures(summaryLine(value), per);
  }

  private static String summaryLine(JsonNode value) {
    JsonNode d = value.get("doses");
    assertThat(value.get("count").asInt()).isEqualTo(d.get("taken").asInt() + d.get("late").asInt() + d.get("skipped").asInt()
        + d.get("missed").asInt());
    return line(d, value.get("value"));
  }

  /** GET …/medications/adherence over the last {@code days} days, now; nothing pending at the moments asked. */
  private static Figures endpoint(int days) {
    var r = api.get(path("/medications/adherence?days=" + days), user.token());
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    assertThat(r.json().get("overall").get("pending").asInt()).isZero();
    var per = new TreeMap<String, String>();
    for (JsonNode m : r.json().get("medications")) per.put(m.get("medication_id").asText(), line(m.get("counts"), m.get("counts").get("adherence_rate")));
    return new Figures(line(r.json().get("overall"), r.json().get("overall").get("adherence_rate")), per);
  }

  private static String line(JsonNode counts, JsonNode rate) {
    return "taken %d, late %d, skipped %d, missed %d, unscheduled %d: %s".formatted(counts.get("taken").asInt(),
        counts.get("late").asInt(), counts.get("skipped").asInt(), counts.get("missed").asInt(),
        counts.get("unscheduled").asInt(), rate.isNull() ? "null" : rate.decimalValue().stripTrailingZeros().toPlainString());
  }

  private static void record(LocalDate day, Day plan) {
    dose(metformin, plan.metformin().charAt(0), at(day, "08:00"));
    dose(metformin, plan.metformin().charAt(1), at(day, "20:00"));
    dose(vitaminD, plan.vitaminD().charAt(0), at(day, "09:00"));
    for (int i = 0; i < plan.ibuprofen(); i++) {
      posted(doses(ibuprofen), "{\"status\":\"taken\",\"taken_at\":\"" + at(day, "13:00").plusSeconds(3600L * i) + "\"}");
    }
    if (day.equals(MONDAY.plusDays(6))) {
      // An extra Metformin, without a schedule: outside the rate, like a dose taken as needed.
      posted(doses(metformin), "{\"status\":\"taken\",\"taken_at\":\"" + at(day, "14:00") + "\"}");
    }
  }

  private static void dose(String medication, char plan, Instant due) {
    String body = switch (plan) {
      case 'T' -> "{\"status\":\"taken\",\"scheduled_for\":\"" + due + "\"}";
      case 'L' -> "{\"status\":\"late\",\"scheduled_for\":\"" + due + "\",\"taken_at\":\"" + due.plusSeconds(9000) + "\"}";
      case 'S' -> "{\"status\":\"skipped\",\"scheduled_for\":\"" + due + "\"}";
      case 'M' -> "{\"status\":\"missed\",\"scheduled_for\":\"" + due + "\"}";
      default -> null;
    };
    if (body != null) posted(doses(medication), body);
  }

  private static void posted(String path, String body) {
    var r = api.post(path, user.token(), body);
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
  }

  private static String define(String body) {
    var r = api.post(path("/medications"), user.token(), body);
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    return r.json().get("id").asText();
  }

  private static String doses(String medication) {
    return path("/medications/" + medication + "/doses");
  }

  private static String path(String rest) {
    return "/v1/users/" + user.id() + rest;
  }

  private static Instant at(LocalDate day, String time) {
    return day.atTime(LocalTime.parse(time)).atZone(BERLIN).toInstant();
  }
}
