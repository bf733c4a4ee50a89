package org.healthtimeline.backfill;

import org.healthtimeline.sync.SourceMapping;

/** Source mappings written the way the domains write theirs, for testing the engine on its own. */
final class TestMappings {
  private TestMappings() {}

  /** Meals; a meal with neither foods nor calories cannot be an event, and notes 'break' make an invalid one. */
  static final SourceMapping FOOD = new SourceMapping("food_entries", "food_entries s", """
      s.user_id, s.id::text AS source_id, 'meal'::event_type AS type, s.meal_type AS subtype, s.occurred_at,
      CASE WHEN s.notes = 'break' THEN s.occurred_at - interval '1 hour' END AS ended_at,
      json_build_object('meal_type', coalesce(s.meal_type, 'other'), 'total_calories', s.total_calories,
                        'foods', s.foods) AS data,
      CASE WHEN s.total_calories IS NULL AND jsonb_array_length(s.foods) = 0
           THEN 'foods: a meal needs foods or total_calories' END AS problem""");

  static final SourceMapping SLEEP = new SourceMapping("sleep_entries", "sleep_entries s", """
      s.user_id, s.id::text AS source_id, 'sleep'::event_type AS type, NULL::text AS subtype,
      coalesce(s.bedtime, s.logged_at) AS occurred_at, s.wake_time AS ended_at,
      json_build_object('total_sleep_hours', s.total_sleep_hours, 'sleep_quality_rating', s.sleep_quality_rating) AS data,
      NULL::text AS problem""");
}
