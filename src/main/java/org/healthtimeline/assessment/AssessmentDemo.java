package org.healthtimeline.assessment;

import java.time.Instant;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.SplittableRandom;
import java.util.UUID;
import org.healthtimeline.timeline.WriteResult.Outcome;
import org.healthtimeline.web.Json;

/**
 * The demo people's questionnaires: a PHQ-4 every two weeks, a GAD-7 every four, and the sleep quiz on their first
 * day, through the services as a client would send them. Each has an id that follows from the person and the day,
 * so loading again replays instead of adding.
 */
public final class AssessmentDemo {
  private AssessmentDemo() {}

  /** Returns how many responses were added. */
  public static int load(AssessmentService assessments, SleepQuizService sleepQuiz, UUID userId, ZoneId zone,
      LocalDate firstDay, LocalDate lastDay, long seed) {
    int added = 0;
    // Some people worry more than others; answers drift a little from one time to the next.
    int base = (int) (seed % 3);
    // Every 14th day counted from 1970, so that loads on different days pick the same days.
    for (LocalDate day = firstDay; day.isBefore(lastDay); day = day.plusDays(1)) {
      if (Math.floorMod(day.toEpochDay() + seed, 14) != 0) continue;
      var random = new SplittableRandom(seed ^ day.toEpochDay());
      added += complete(assessments, userId, "phq4", answers(random, 4, base), day, zone, seed);
      if (Math.floorMod(day.toEpochDay() + seed, 28) == 0) added += complete(assessments, userId, "gad7", answers(random, 7, base), day, zone, seed);
    }
    // The quiz is taken once, on the first day of the first load.
    if (!sleepQuiz.submissions(userId, Instant.EPOCH, Instant.parse("9999-01-01T00:00:00Z"), 1).isEmpty()) return added;
    String quiz = """
        {"id":"%s","submitted_at":"%s","answers":{"hours":"%s","latency":"15_to_30","wakings":"1_to_2",
         "regularity":"%s","screens":"most_nights","caffeine":"afternoon","daytime":"mostly","quality":"fairly_good"}}"""
        .formatted(id(seed, "sleep_quiz", LocalDate.EPOCH), at(firstDay, zone), base == 1 ? "5_to_6" : "6_to_7",
            base == 2 ? "over_2_h" : "1_to_2_h");
    if (sleepQuiz.submit(userId, Json.read(quiz)).outcome() == Outcome.CREATED) added++;
    return added;
  }

  private static int complete(AssessmentService assessments, UUID userId, String code, String answers, LocalDate day,
      ZoneId zone, long seed) {
    String body = "{\"id\":\"%s\",\"completed_at\":\"%s\",\"answers\":%s}".formatted(id(seed, code, day), at(day, zone), answers);
    return assessments.complete(userId, code, Json.read(body)).outcome() == Outcome.CREATED ? 1 : 0;
  }

  private static String answers(SplittableRandom random, int items, int base) {
    var sb = new StringBuilder("[");
    for (int i = 0; i < items; i++) sb.append(i == 0 ? "" : ",").append(Math.max(0, Math.min(3, base + random.nextInt(3) - 1)));
    return sb.append(']').toString();
  }

  private static String at(LocalDate day, ZoneId zone) {
    return day.atTime(LocalTime.of(21, 15)).atZone(zone).toOffsetDateTime().toString();
  }

  private static UUID id(long seed, String code, LocalDate day) {
    return UUID.nameUUIDFromBytes(("demo\n" + seed + "\n" + code + "\n" + day).getBytes(StandardCharsets.UTF_8));
  }
}
