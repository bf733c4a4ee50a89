-- Seed 002's legacy check-ins: "SELECT * FROM daily_checkins_legacy WHERE user_id = ?" keeps working, built from
-- the timeline. One row per user per local day (the event's own UTC offset decides the day) that has a mood or a
-- symptom event that is not deleted. The legacy columns, from seed 002's dual write (mood, confidence,
-- anxiety_level, side_effects, note in the mood event's data):
--   mood_today, confidence_today, anxiety_level, notes: from the day's check-in mood event (subtype daily_checkin),
--     else its latest mood event; mood_rating (1-10, seed 000's mood events) beside them;
--   side_effects: the names of the day's symptom events of subtype side_effect, and a mood event's own
--     side_effects list; symptoms: the names of all the day's symptom events (symptom_type, or each of symptoms);
--   mood_events, symptom_events, first_at, last_at: how many events the row is built from, and when.
-- Values of the wrong JSON type (possible in events written with plain SQL) read as null, never as an error.
-- daily_checkins(user, from, to) is the same for one user's local days [from, to]: what the API reads, through
-- the time index. It is a function with a SQL-standard body, which PostgreSQL inlines into the caller's query
-- (the view's user_id condition reaches the index too) and which depends on health_events, so undoing the
-- timeline migration drops it and the view with it; being repeatable, this file then runs again.

DROP VIEW IF EXISTS daily_checkins_legacy;
DROP FUNCTION IF EXISTS daily_checkins(uuid, date, date);

CREATE FUNCTION daily_checkins(p_user uuid, p_from date, p_to date)
RETURNS TABLE (user_id uuid, checkin_date date, mood_today text, mood_rating numeric, confidence_today numeric,
               anxiety_level numeric, side_effects jsonb, symptoms jsonb, notes text, mood_events bigint,
               symptom_events bigint, first_at timestamptz, last_at timestamptz)
LANGUAGE sql STABLE
BEGIN ATOMIC
  SELECT g.user_id, g.day,
         CASE WHEN jsonb_typeof(g.mood -> 'mood') = 'string' THEN g.mood ->> 'mood' END,
         CASE WHEN jsonb_typeof(g.mood -> 'mood_rating') = 'number' THEN (g.mood ->> 'mood_rating')::numeric END,
         CASE WHEN jsonb_typeof(g.mood -> 'confidence') = 'number' THEN (g.mood ->> 'confidence')::numeric END,
         CASE WHEN jsonb_typeof(g.mood -> 'anxiety_level') = 'number' THEN (g.mood ->> 'anxiety_level')::numeric END,
         coalesce((SELECT jsonb_agg(DISTINCT n.name ORDER BY n.name)
                   FROM (SELECT x.name FROM unnest(g.side_effect_data) AS s(d),
                           LATERAL (SELECT s.d ->> 'symptom_type' WHERE jsonb_typeof(s.d -> 'symptom_type') = 'string'
                                    UNION ALL
                                    SELECT jsonb_array_elements_text(CASE WHEN jsonb_typeof(s.d -> 'symptoms') = 'array'
                                                                          THEN s.d -> 'symptoms' ELSE '[]' END)) AS x(name)
                         UNION ALL
                         SELECT jsonb_array_elements_text(CASE WHEN jsonb_typeof(g.mood -> 'side_effects') = 'array'
                                                               THEN g.mood -> 'side_effects' ELSE '[]' END)) AS n(name)),
                  '[]'),
         coalesce((SELECT jsonb_agg(DISTINCT x.name ORDER BY x.name)
                   FROM unnest(g.symptom_data) AS s(d),
                     LATERAL (SELECT s.d ->> 'symptom_type' WHERE jsonb_typeof(s.d -> 'symptom_type') = 'string'
                              UNION ALL
                              SELECT jsonb_array_elements_text(CASE WHEN jsonb_typeof(s.d -> 'symptoms') = 'array'
                                                                    THEN s.d -> 'symptoms' ELSE '[]' END)) AS x(name)),
                  '[]'),
         CASE WHEN jsonb_typeof(g.mood -> 'note') = 'string' THEN g.mood ->> 'note'
              WHEN jsonb_typeof(g.mood -> 'notes') = 'string' THEN g.mood ->> 'notes' END,
         g.mood_events, g.symptom_events, g.first_at, g.last_at
  FROM (
    SELECT e.user_id, ((e.occurred_at AT TIME ZONE 'UTC') + e.utc_offset_min * interval '1 minute')::date AS day,
           (array_agg(e.data::jsonb ORDER BY coalesce(e.subtype = 'daily_checkin', false) DESC, e.occurred_at DESC, e.id DESC)
              FILTER (WHERE e.type = 'mood'))[1] AS mood,
           array_agg(e.data::jsonb) FILTER (WHERE e.type = 'symptom' AND e.subtype = 'side_effect') AS side_effect_data,
           array_agg(e.data::jsonb) FILTER (WHERE e.type = 'symptom') AS symptom_data,
           count(*) FILTER (WHERE e.type = 'mood') AS mood_events,
           count(*) FILTER (WHERE e.type = 'symptom') AS symptom_events,
           min(e.occurred_at) AS first_at, max(e.occurred_at) AS last_at
    FROM health_events e
    WHERE (p_user IS NULL OR e.user_id = p_user)
      AND e.type IN ('mood', 'symptom') AND e.deleted_at IS NULL
      -- No offset is more than 18 hours from UTC: these bounds let the time index find the days' events.
      AND (p_from IS NULL OR e.occurred_at >= (p_from::timestamp AT TIME ZONE 'UTC') - interval '18 hours')
      AND (p_to IS NULL OR e.occurred_at < ((p_to + 1)::timestamp AT TIME ZONE 'UTC') + interval '18 hours')
    GROUP BY e.user_id, 2
  ) AS g
  WHERE (p_from IS NULL OR g.day >= p_from) AND (p_to IS NULL OR g.day <= p_to);
END;

CREATE VIEW daily_checkins_legacy AS SELECT * FROM daily_checkins(NULL, NULL, NULL);
