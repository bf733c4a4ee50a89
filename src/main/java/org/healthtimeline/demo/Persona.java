package org.healthtimeline.demo;

import java.util.List;
import java.util.SplittableRandom;

/**
 * One made-up person's habits, drawn once from their seed, so that ten thousand bench users are ten thousand
 * different people rather than one person copied.
 *
 * @param bedtimeMin usual bedtime in minutes after the evening's midnight (1380 is 23:00)
 * @param alarmMin workday alarm in minutes after midnight
 * @param sleepNeedMin how long they sleep when no alarm wakes them
 * @param workoutChance chance of a workout on a given day
 * @param sports what they do when they work out, favourite first
 * @param qualityBias added to every night's sleep quality: some people sleep better than others
 */
record Persona(
    int bedtimeMin,
    int alarmMin,
    int sleepNeedMin,
    double workoutChance,
    List<String> sports,
    double qualityBias,
    double moodBase,
    int systolic,
    int diastolic,
    int restingHeartRate) {

  private static final List<List<String>> SPORTS = List.of(
      List.of("running", "strength training", "yoga"),
      List.of("cycling", "strength training", "walking"),
      List.of("swimming", "yoga", "walking"),
      List.of("strength training", "running", "hiit"),
      List.of("walking", "yoga", "cycling"));

  static Persona of(long seed) {
    var r = new SplittableRandom(Seeds.mix(seed, 0x9e75_0a11L));
    int systolic = 110 + r.nextInt(24);
    return new Persona(
        1335 + r.nextInt(75),
        375 + r.nextInt(60),
        420 + r.nextInt(60),
        (2 + r.nextInt(4)) / 7.0,
        SPORTS.get(r.nextInt(SPORTS.size())),
        r.nextDouble(-0.5, 0.6),
        6.0 + r.nextDouble(1.2),
        systolic,
        systolic - 40 - r.nextInt(8),
        56 + r.nextInt(18));
  }
}
