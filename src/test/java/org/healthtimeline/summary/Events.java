package org.healthtimeline.summary;

import java.time.LocalDate;
import java.util.List;

/** Create-request bodies of the event types the summaries read, in the shapes of src/main/resources/schemas. */
final class Events {
  static final String WATER_ID = "6f1c0a52-1111-4222-8333-444455556666";

  private Events() {}

  /**
   * One day of every kind of event, at +01:00 (Berlin in winter). What it adds up to on {@code day}, for a user in
   * Europe/Berlin: 3 meals of 1650.5 kcal (protein 50, carbs 100, fat 27), a sleep of 8 h rated 7 (from the night
   * before), 2 workouts of 75 min, 2 mood ratings averaging 7 (and a mood without a rating), 2 stress levels
   * averaging 5, 2 symptom events (headache twice, max severity 6; nausea once, 6), 4 scheduled doses of sertraline
   * (taken, late, skipped, missed: adherence 25 %) and one of ibuprofen taken as needed, Water glasses 3, 5, 2 (the
   * last by category_id and name, the others by name only), and a note.
   */
  static List<String> dayOfEverything(String day) {
    String prev = LocalDate.parse(day).minusDays(1).toString();
    return List.of(
        """
        {"type":"meal","occurred_at":"%sT08:00:00+01:00","data":{"meal_type":"breakfast","total_calories":400,
         "total_macros":{"protein":20,"carbs":50,"fat":10}}}""".formatted(day),
        """
        {"type":"meal","occurred_at":"%sT12:30:00+01:00","data":{"meal_type":"lunch","foods":[
         {"name":"chicken","calories":300,"macros":{"protein":25,"carbs":10,"fat":15}},
         {"name":"rice","calories":250.5,"macros":{"protein":5,"carbs":40,"fat":2}}]}}""".formatted(day),
        meal(day + "T23:30:00+01:00", 700),
        """
        {"type":"sleep","occurred_at":"%sT23:00:00+01:00","ended_at":"%sT07:00:00+01:00",
         "data":{"bedtime":"23:00","wake_time":"07:00","sleep_quality_rating":7}}""".formatted(prev, day),
        """
        {"type":"exercise","occurred_at":"%sT18:00:00+01:00","data":{"activity_type":"running","duration_minutes":45}}"""
            .formatted(day),
        """
        {"type":"exercise","occurred_at":"%sT19:00:00+01:00","ended_at":"%sT19:30:00+01:00","data":{"activity_type":"yoga"}}"""
            .formatted(day, day),
        mood(day + "T09:00:00+01:00", 6),
        mood(day + "T21:00:00+01:00", 8),
        """
        {"type":"mood","occurred_at":"%sT22:00:00+01:00","data":{"mood":"anxious"}}""".formatted(day),
        """
        {"type":"symptom","occurred_at":"%sT10:00:00+01:00","data":{"symptom_type":"headache","severity":4}}""".formatted(day),
        """
        {"type":"symptom","occurred_at":"%sT15:00:00+01:00","data":{"symptoms":["Headache","nausea"],"severity":6}}"""
            .formatted(day),
        medication(day + "T08:00:00+01:00", "taken"),
        medication(day + "T12:00:00+01:00", "late"),
        medication(day + "T18:00:00+01:00", "skipped"),
        medication(day + "T22:00:00+01:00", "missed"),
        """
        {"type":"medication","subtype":"as_needed","occurred_at":"%sT16:00:00+01:00","data":{"name":"ibuprofen","status":"taken"}}"""
            .formatted(day),
        """
        {"type":"stress","occurred_at":"%sT11:30:00+01:00","data":{"stress_level":7}}""".formatted(day),
        """
        {"type":"stress","occurred_at":"%sT17:30:00+01:00","data":{"stress_level":3}}""".formatted(day),
        tracker(day + "T09:00:00+01:00", "\"category_name\":\"Water\"", "{\"glasses\":3}"),
        tracker(day + "T14:00:00+01:00", "\"category_name\":\"Water\"", "{\"glasses\":5,\"note\":\"with lemon\"}"),
        tracker(day + "T20:00:00+01:00", "\"category_id\":\"" + WATER_ID + "\",\"category_name\":\"Water\"", "{\"glasses\":2}"),
        """
        {"type":"note","occurred_at":"%sT11:00:00+01:00","data":{"text":"felt fine"}}""".formatted(day));
  }

  static String meal(String occurredAt, int calories) {
    return meal(occurredAt, calories, "");
  }

  static String meal(String occurredAt, int calories, String extra) {
    return """
        {"type":"meal","occurred_at":"%s","data":{"meal_type":"dinner","total_calories":%d}%s}"""
        .formatted(occurredAt, calories, extra);
  }

  static String mood(String occurredAt, int rating) {
    return """
        {"type":"mood","occurred_at":"%s","data":{"mood_rating":%d}}""".formatted(occurredAt, rating);
  }

  static String medication(String occurredAt, String status) {
    return """
        {"type":"medication","occurred_at":"%s","data":{"name":"sertraline","status":"%s"}}""".formatted(occurredAt, status);
  }

  static String tracker(String occurredAt, String category, String data) {
    return """
        {"type":"tracker","occurred_at":"%s","data":{%s,"data":%s}}""".formatted(occurredAt, category, data);
  }

  static String sleep(String bedtime, String wakeUp, String data) {
    return """
        {"type":"sleep","occurred_at":"%s","ended_at":"%s","data":%s}""".formatted(bedtime, wakeUp, data);
  }
}
