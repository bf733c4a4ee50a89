-- The daily rollups of V011 and V025 (summary_days, summary_day_symptoms, summary_day_trackers,
-- summary_day_medications), kept equal to the live events by statement-level triggers on health_events, in the
-- writing transaction. Repeatable (TEAM.md): undo of the timeline drops health_events with CASCADE, which takes the
-- triggers and the functions over its row type; the next migrate runs this file again, and its last statement
-- rebuilds the rollups from the events.
--
-- What an event adds to its day (org.healthtimeline.summary's README section has the table):
--  * its day is the local date of occurred_at at its own utc_offset_min; a sleep counts on the day it ended
--    (ended_at, or without one the day after occurred_at when data.wake_time is earlier than the bedtime's clock);
--  * a medication event of subtype as_needed (a dose without scheduled_for, as the medications feature writes it)
--    is a dose taken as needed: outside the adherence rate, counted apart, as GET …/medications/adherence does;
--  * values are read only where they are JSON numbers, so a write through plain SQL with odd data is still
--    summarised (what is not a number counts as absent) rather than refused. Data that jsonb cannot hold at all
--    (a number beyond numeric's range, which the API refuses too) does fail the write.
--
-- Why statement-level triggers with transition tables: one trigger call and three set-based statements per
-- INSERT, COPY or UPDATE statement, however many rows it writes, where a row-level trigger would upsert once per
-- row. The measured costs are in the README ("Summaries", "The daily rollups").

CREATE OR REPLACE FUNCTION summary_number(j jsonb) RETURNS numeric
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN jsonb_typeof(j) = 'number' THEN j::numeric END
$$;

-- An event's data as jsonb, or null when jsonb cannot hold it: a \u0000 escape, which the API refuses but plain
-- SQL may write into the json column. Such an event counts, without values, rather than failing its write.
CREATE OR REPLACE FUNCTION summary_data(data json) RETURNS jsonb
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN strpos(data::text, '\u0000') = 0 THEN data::jsonb END
$$;

CREATE OR REPLACE FUNCTION summary_local_day(at timestamptz, offset_min smallint) RETURNS date
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT ((at AT TIME ZONE 'UTC') + offset_min * interval '1 minute')::date
$$;

-- A clock time of day such as "06:40" in event data, or null. STABLE, as text::time is: an IMMUTABLE function
-- calling it would not be inlined, and a call per row costs ~15 us.
CREATE OR REPLACE FUNCTION summary_clock(j jsonb) RETURNS time
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT CASE WHEN jsonb_typeof(j) = 'string' AND j #>> '{}' ~ '^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?$'
              THEN (j #>> '{}')::time END
$$;

DROP FUNCTION IF EXISTS summary_sleep_day(timestamptz, timestamptz, smallint, jsonb);
-- The day a sleep belongs to: the one its sleeper woke up on. Without an end, the day after occurred_at when the
-- wake time is earlier on the clock than the bedtime (data.bedtime, else occurred_at's clock). A sleep_entries row
-- without a bedtime becomes an event at the time it was logged (the sleep mapping), after the night: its own day.
CREATE OR REPLACE FUNCTION summary_sleep_day(e health_events, d jsonb)
RETURNS date LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT CASE
    WHEN e.ended_at IS NOT NULL THEN summary_local_day(e.ended_at, e.utc_offset_min)
    WHEN summary_clock(d -> 'wake_time') < coalesce(summary_clock(d -> 'bedtime'),
           CASE WHEN e.source_table IS DISTINCT FROM 'sleep_entries'
                THEN ((e.occurred_at AT TIME ZONE 'UTC') + e.utc_offset_min * interval '1 minute')::time END)
      THEN summary_local_day(e.occurred_at, e.utc_offset_min) + 1
    ELSE summary_local_day(e.occurred_at, e.utc_offset_min)
  END
$$;

-- The sum of one number over a meal's foods, for a meal that gives no total; null when none has it.
CREATE OR REPLACE FUNCTION summary_foods_sum(foods jsonb, path text[]) RETURNS numeric
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT sum(summary_number(f #> path))
  FROM jsonb_array_elements(CASE WHEN jsonb_typeof(foods) = 'array' THEN foods END) f
$$;

-- What one live event adds to its day's row of summary_days; no row for a deleted event or another type.
-- Dropped first: a new column changes its result type, which CREATE OR REPLACE cannot.
DROP FUNCTION IF EXISTS summary_day_facts(health_events);
CREATE OR REPLACE FUNCTION summary_day_facts(e health_events)
RETURNS TABLE (user_id uuid, day date, events integer, meals integer, calories numeric, protein numeric,
    carbs numeric, fat numeric, sleeps integer, sleep_hours numeric, sleep_ratings integer, sleep_rating_sum numeric,
    workouts integer, exercise_minutes numeric, mood_ratings integer, mood_rating_sum numeric, symptom_events integer,
    doses_taken integer, doses_late integer, doses_skipped integer, doses_missed integer, doses_unscheduled integer,
    stress_levels integer, stress_level_sum numeric)
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT e.user_id,
    CASE WHEN e.type = 'sleep' THEN summary_sleep_day(e, x.d) ELSE summary_local_day(e.occurred_at, e.utc_offset_min) END,
    1,
    (e.type = 'meal')::int,
    CASE WHEN e.type = 'meal' THEN coalesce(summary_number(x.d -> 'total_calories'),
        summary_foods_sum(x.d -> 'foods', '{calories}'), 0) ELSE 0 END,
    CASE WHEN e.type = 'meal' THEN coalesce(summary_number(x.d #> '{total_macros,protein}'),
        summary_foods_sum(x.d -> 'foods', '{macros,protein}'), 0) ELSE 0 END,
    CASE WHEN e.type = 'meal' THEN coalesce(summary_number(x.d #> '{total_macros,carbs}'),
        summary_foods_sum(x.d -> 'foods', '{macros,carbs}'), 0) ELSE 0 END,
    CASE WHEN e.type = 'meal' THEN coalesce(summary_number(x.d #> '{total_macros,fat}'),
        summary_foods_sum(x.d -> 'foods', '{macros,fat}'), 0) ELSE 0 END,
    (e.type = 'sleep')::int,
    -- A sleep stage record of a wearable (in_bed, awake) is time in bed, not asleep.
    CASE WHEN e.type = 'sleep' THEN coalesce(summary_number(x.d -> 'total_sleep_hours'),
        CASE WHEN e.ended_at IS NOT NULL AND coalesce(x.d ->> 'stage', 'asleep') IN ('asleep', 'core', 'deep', 'rem')
             THEN round(extract(epoch FROM e.ended_at - e.occurred_at) / 3600, 4) END, 0) ELSE 0 END,
    (e.type = 'sleep' AND summary_number(x.d -> 'sleep_quality_rating') IS NOT NULL)::int,
    CASE WHEN e.type = 'sleep' THEN coalesce(summary_number(x.d -> 'sleep_quality_rating'), 0) ELSE 0 END,
    (e.type = 'exercise')::int,
    CASE WHEN e.type = 'exercise' THEN coalesce(summary_number(x.d -> 'duration_minutes'),
        CASE WHEN e.ended_at IS NOT NULL THEN round(extract(epoch FROM e.ended_at - e.occurred_at) / 60, 4) END, 0) ELSE 0 END,
    (e.type = 'mood' AND summary_number(x.d -> 'mood_rating') IS NOT NULL)::int,
    CASE WHEN e.type = 'mood' THEN coalesce(summary_number(x.d -> 'mood_rating'), 0) ELSE 0 END,
    (e.type = 'symptom')::int,
    (e.type = 'medication' AND NOT x.as_needed AND x.d ->> 'status' = 'taken')::int,
    (e.type = 'medication' AND NOT x.as_needed AND x.d ->> 'status' = 'late')::int,
    (e.type = 'medication' AND NOT x.as_needed AND x.d ->> 'status' = 'skipped')::int,
    (e.type = 'medication' AND NOT x.as_needed AND x.d ->> 'status' = 'missed')::int,
    (e.type = 'medication' AND x.as_needed)::int,
    (e.type = 'stress' AND summary_number(x.d -> 'stress_level') IS NOT NULL)::int,
    CASE WHEN e.type = 'stress' THEN coalesce(summary_number(x.d -> 'stress_level'), 0) ELSE 0 END
  FROM (SELECT summary_data(e.data) AS d, e.subtype IS NOT DISTINCT FROM 'as_needed' AS as_needed OFFSET 0) x
  WHERE e.deleted_at IS NULL AND e.type IN ('meal', 'sleep', 'exercise', 'mood', 'stress', 'symptom', 'medication')
$$;

-- A live medication event's dose under its medication: its medication_id (lower-cased), else its name. A dose
-- taken as needed is unscheduled whatever its status; another counts by its status (one of the four).
CREATE OR REPLACE FUNCTION summary_medication_facts(e health_events)
RETURNS TABLE (user_id uuid, day date, medication text, taken integer, late integer, skipped integer, missed integer,
    unscheduled integer)
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT e.user_id, summary_local_day(e.occurred_at, e.utc_offset_min), m.key,
    (NOT x.as_needed AND x.d ->> 'status' = 'taken')::int,
    (NOT x.as_needed AND x.d ->> 'status' = 'late')::int,
    (NOT x.as_needed AND x.d ->> 'status' = 'skipped')::int,
    (NOT x.as_needed AND x.d ->> 'status' = 'missed')::int,
    x.as_needed::int
  FROM (SELECT summary_data(e.data) AS d, e.subtype IS NOT DISTINCT FROM 'as_needed' AS as_needed OFFSET 0) x
  CROSS JOIN LATERAL (SELECT coalesce(
      CASE WHEN jsonb_typeof(x.d -> 'medication_id') = 'string' THEN lower(x.d ->> 'medication_id') END,
      CASE WHEN jsonb_typeof(x.d -> 'name') = 'string' THEN x.d ->> 'name' END)) m(key)
  WHERE e.deleted_at IS NULL AND e.type = 'medication' AND length(m.key) BETWEEN 1 AND 200
    AND (x.as_needed OR x.d ->> 'status' IN ('taken', 'late', 'skipped', 'missed'))
$$;

-- Each symptom type (lower-cased, trimmed) a live symptom event names, once, with the event's severity.
CREATE OR REPLACE FUNCTION summary_symptom_facts(e health_events)
RETURNS TABLE (user_id uuid, day date, symptom text, severity numeric)
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT DISTINCT e.user_id, summary_local_day(e.occurred_at, e.utc_offset_min), s.name, summary_number(x.d -> 'severity')
  FROM (SELECT summary_data(e.data) AS d OFFSET 0) x
  CROSS JOIN LATERAL (
    SELECT lower(btrim(x.d ->> 'symptom_type')) WHERE jsonb_typeof(x.d -> 'symptom_type') = 'string'
    UNION ALL
    SELECT lower(btrim(v #>> '{}'))
    FROM jsonb_array_elements(CASE WHEN jsonb_typeof(x.d -> 'symptoms') = 'array' THEN x.d -> 'symptoms' END) v
    WHERE jsonb_typeof(v) = 'string') s(name)
  WHERE e.deleted_at IS NULL AND e.type = 'symptom' AND s.name <> '' AND length(s.name) <= 200
$$;

-- Each numeric field of a live tracker event's data.data, once under its category_id (lower-cased) and once
-- under its category_name, so that a query by either finds it.
CREATE OR REPLACE FUNCTION summary_tracker_facts(e health_events)
RETURNS TABLE (user_id uuid, category text, field text, day date, value numeric, occurred_at timestamptz, event_id uuid)
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT e.user_id, c.key, f.key, summary_local_day(e.occurred_at, e.utc_offset_min), summary_number(f.value),
         e.occurred_at, e.id
  FROM (SELECT summary_data(e.data) AS d OFFSET 0) x
  CROSS JOIN LATERAL (
    SELECT lower(x.d ->> 'category_id') WHERE jsonb_typeof(x.d -> 'category_id') = 'string'
    UNION
    SELECT x.d ->> 'category_name' WHERE jsonb_typeof(x.d -> 'category_name') = 'string') c(key)
  CROSS JOIN LATERAL jsonb_each(CASE WHEN jsonb_typeof(x.d -> 'data') = 'object' THEN x.d -> 'data' END) f
  WHERE e.deleted_at IS NULL AND e.type = 'tracker' AND length(c.key) BETWEEN 1 AND 200
    AND length(f.key) <= 200 AND jsonb_typeof(f.value) = 'number'
$$;

-- The symptom cells of the given user-days, recomputed from the events.
CREATE OR REPLACE FUNCTION summary_recompute_symptoms(users uuid[], days date[]) RETURNS void
LANGUAGE sql AS $$
  DELETE FROM summary_day_symptoms s USING unnest(users, days) t(user_id, day)
  WHERE s.user_id = t.user_id AND s.day = t.day;
  INSERT INTO summary_day_symptoms (user_id, day, symptom, events, max_severity)
  SELECT f.user_id, f.day, f.symptom, count(*), max(f.severity)
  FROM (SELECT DISTINCT * FROM unnest(users, days)) t(user_id, day)
  -- An event's local day lies within 18 hours (the largest offset) of the same UTC day.
  JOIN health_events h ON h.user_id = t.user_id AND h.type = 'symptom'
    AND h.occurred_at >= (t.day - 1)::timestamp AT TIME ZONE 'UTC' AND h.occurred_at < (t.day + 2)::timestamp AT TIME ZONE 'UTC'
  CROSS JOIN LATERAL summary_symptom_facts(h) f
  WHERE f.day = t.day
  GROUP BY f.user_id, f.day, f.symptom;
$$;

-- The given tracker cells (user, category, field, day), recomputed from the events.
CREATE OR REPLACE FUNCTION summary_recompute_trackers(users uuid[], categories text[], fields text[], days date[])
RETURNS void LANGUAGE sql AS $$
  DELETE FROM summary_day_trackers s USING unnest(users, categories, fields, days) t(user_id, category, field, day)
  WHERE (s.user_id, s.category, s.field, s.day) = (t.user_id, t.category, t.field, t.day);
  INSERT INTO summary_day_trackers (user_id, category, field, day, n, sum, min, max, last_at, last_event, last_value)
  SELECT f.user_id, f.category, f.field, f.day, count(*), sum(f.value), min(f.value), max(f.value),
         (array_agg(f.occurred_at ORDER BY f.occurred_at DESC, f.event_id DESC))[1],
         (array_agg(f.event_id ORDER BY f.occurred_at DESC, f.event_id DESC))[1],
         (array_agg(f.value ORDER BY f.occurred_at DESC, f.event_id DESC))[1]
  FROM (SELECT DISTINCT t.user_id, t.day FROM unnest(users, days) t(user_id, day)) d
  JOIN health_events h ON h.user_id = d.user_id AND h.type = 'tracker'
    AND h.occurred_at >= (d.day - 1)::timestamp AT TIME ZONE 'UTC' AND h.occurred_at < (d.day + 2)::timestamp AT TIME ZONE 'UTC'
  CROSS JOIN LATERAL summary_tracker_facts(h) f
  WHERE f.day = d.day
    AND (f.user_id, f.category, f.field, f.day) IN (SELECT * FROM unnest(users, categories, fields, days))
  GROUP BY f.user_id, f.category, f.field, f.day;
$$;

-- One function for every trigger: changed_rows are the rows inserted, deleted, or (for the two update triggers)
-- the rows before and after an update; TG_ARGV[0] says whether they are added (1) or taken away (-1).
-- summary_days takes signed deltas (its sums are exact). Minimum, maximum and latest cannot be taken away, so
-- the symptom and tracker cells an update or delete touches are recomputed from the events instead (the events
-- are already in their final state when an AFTER trigger runs, so the two update triggers may run in any order).
CREATE OR REPLACE FUNCTION summary_rollup() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  sign integer := TG_ARGV[0]::integer;
BEGIN
  -- The events of a deleted user (the cascade from users) need nothing: their rollups go in the same cascade.
  IF TG_OP = 'DELETE' AND NOT EXISTS (SELECT 1 FROM changed_rows c JOIN users u ON u.id = c.user_id) THEN
    RETURN NULL;
  END IF;
  INSERT INTO summary_days AS s (user_id, day, events, meals, calories, protein, carbs, fat, sleeps, sleep_hours,
      sleep_ratings, sleep_rating_sum, workouts, exercise_minutes, mood_ratings, mood_rating_sum, symptom_events,
      doses_taken, doses_late, doses_skipped, doses_missed, doses_unscheduled, stress_levels, stress_level_sum)
  SELECT f.user_id, f.day, sign * count(*), sign * sum(f.meals), sign * sum(f.calories), sign * sum(f.protein),
      sign * sum(f.carbs), sign * sum(f.fat), sign * sum(f.sleeps), sign * sum(f.sleep_hours),
      sign * sum(f.sleep_ratings), sign * sum(f.sleep_rating_sum), sign * sum(f.workouts), sign * sum(f.exercise_minutes),
      sign * sum(f.mood_ratings), sign * sum(f.mood_rating_sum), sign * sum(f.symptom_events),
      sign * sum(f.doses_taken), sign * sum(f.doses_late), sign * sum(f.doses_skipped), sign * sum(f.doses_missed),
      sign * sum(f.doses_unscheduled), sign * sum(f.stress_levels), sign * sum(f.stress_level_sum)
  FROM changed_rows c CROSS JOIN LATERAL summary_day_facts(c) f
  GROUP BY f.user_id, f.day
  -- What is taken away was added to a row before, unless the rollups were not kept (a load that bypassed the
  -- triggers, before its rebuild): then there is nothing to take it from.
  HAVING sign > 0 OR EXISTS (SELECT 1 FROM summary_days x WHERE x.user_id = f.user_id AND x.day = f.day)
  ON CONFLICT (user_id, day) DO UPDATE SET
    events = s.events + EXCLUDED.events, meals = s.meals + EXCLUDED.meals, calories = s.calories + EXCLUDED.calories,
    protein = s.protein + EXCLUDED.protein, carbs = s.carbs + EXCLUDED.carbs, fat = s.fat + EXCLUDED.fat,
    sleeps = s.sleeps + EXCLUDED.sleeps, sleep_hours = s.sleep_hours + EXCLUDED.sleep_hours,
    sleep_ratings = s.sleep_ratings + EXCLUDED.sleep_ratings, sleep_rating_sum = s.sleep_rating_sum + EXCLUDED.sleep_rating_sum,
    workouts = s.workouts + EXCLUDED.workouts, exercise_minutes = s.exercise_minutes + EXCLUDED.exercise_minutes,
    mood_ratings = s.mood_ratings + EXCLUDED.mood_ratings, mood_rating_sum = s.mood_rating_sum + EXCLUDED.mood_rating_sum,
    symptom_events = s.symptom_events + EXCLUDED.symptom_events, doses_taken = s.doses_taken + EXCLUDED.doses_taken,
    doses_late = s.doses_late + EXCLUDED.doses_late, doses_skipped = s.doses_skipped + EXCLUDED.doses_skipped,
    doses_missed = s.doses_missed + EXCLUDED.doses_missed, doses_unscheduled = s.doses_unscheduled + EXCLUDED.doses_unscheduled,
    stress_levels = s.stress_levels + EXCLUDED.stress_levels, stress_level_sum = s.stress_level_sum + EXCLUDED.stress_level_sum;

  -- Doses per medication are counts only: kept by deltas on every write, like summary_days.
  INSERT INTO summary_day_medications AS s (user_id, day, medication, taken, late, skipped, missed, unscheduled)
  SELECT f.user_id, f.day, f.medication, sign * sum(f.taken), sign * sum(f.late), sign * sum(f.skipped),
      sign * sum(f.missed), sign * sum(f.unscheduled)
  FROM changed_rows c CROSS JOIN LATERAL summary_medication_facts(c) f
  GROUP BY f.user_id, f.day, f.medication
  HAVING sign > 0 OR EXISTS (SELECT 1 FROM summary_day_medications x
                             WHERE x.user_id = f.user_id AND x.day = f.day AND x.medication = f.medication)
  ON CONFLICT (user_id, day, medication) DO UPDATE SET
    taken = s.taken + EXCLUDED.taken, late = s.late + EXCLUDED.late, skipped = s.skipped + EXCLUDED.skipped,
    missed = s.missed + EXCLUDED.missed, unscheduled = s.unscheduled + EXCLUDED.unscheduled;

  IF TG_OP = 'INSERT' THEN
    INSERT INTO summary_day_symptoms AS s (user_id, day, symptom, events, max_severity)
    SELECT f.user_id, f.day, f.symptom, count(*), max(f.severity)
    FROM changed_rows c CROSS JOIN LATERAL summary_symptom_facts(c) f
    GROUP BY f.user_id, f.day, f.symptom
    ON CONFLICT (user_id, day, symptom) DO UPDATE SET
      events = s.events + EXCLUDED.events, max_severity = greatest(s.max_severity, EXCLUDED.max_severity);

    INSERT INTO summary_day_trackers AS s (user_id, category, field, day, n, sum, min, max, last_at, last_event, last_value)
    SELECT f.user_id, f.category, f.field, f.day, count(*), sum(f.value), min(f.value), max(f.value),
           (array_agg(f.occurred_at ORDER BY f.occurred_at DESC, f.event_id DESC))[1],
           (array_agg(f.event_id ORDER BY f.occurred_at DESC, f.event_id DESC))[1],
           (array_agg(f.value ORDER BY f.occurred_at DESC, f.event_id DESC))[1]
    FROM changed_rows c CROSS JOIN LATERAL summary_tracker_facts(c) f
    GROUP BY f.user_id, f.category, f.field, f.day
    ON CONFLICT (user_id, category, field, day) DO UPDATE SET
      n = s.n + EXCLUDED.n, sum = s.sum + EXCLUDED.sum, min = least(s.min, EXCLUDED.min), max = greatest(s.max, EXCLUDED.max),
      last_at = CASE WHEN (EXCLUDED.last_at, EXCLUDED.last_event) > (s.last_at, s.last_event) THEN EXCLUDED.last_at ELSE s.last_at END,
      last_event = CASE WHEN (EXCLUDED.last_at, EXCLUDED.last_event) > (s.last_at, s.last_event) THEN EXCLUDED.last_event ELSE s.last_event END,
      last_value = CASE WHEN (EXCLUDED.last_at, EXCLUDED.last_event) > (s.last_at, s.last_event) THEN EXCLUDED.last_value ELSE s.last_value END;
    RETURN NULL;
  END IF;

  IF sign < 0 THEN
    DELETE FROM summary_days s
    USING (SELECT DISTINCT f.user_id, f.day FROM changed_rows c CROSS JOIN LATERAL summary_day_facts(c) f) t
    WHERE s.user_id = t.user_id AND s.day = t.day AND s.events = 0;
    DELETE FROM summary_day_medications s
    USING (SELECT DISTINCT f.user_id, f.day, f.medication FROM changed_rows c CROSS JOIN LATERAL summary_medication_facts(c) f) t
    WHERE s.user_id = t.user_id AND s.day = t.day AND s.medication = t.medication
      AND s.taken = 0 AND s.late = 0 AND s.skipped = 0 AND s.missed = 0 AND s.unscheduled = 0;
  END IF;
  PERFORM summary_recompute_symptoms(array_agg(t.user_id), array_agg(t.day))
  FROM (SELECT DISTINCT c.user_id, summary_local_day(c.occurred_at, c.utc_offset_min) AS day
        FROM changed_rows c WHERE c.type = 'symptom') t
  HAVING count(*) > 0;
  PERFORM summary_recompute_trackers(array_agg(t.user_id), array_agg(t.category), array_agg(t.field), array_agg(t.day))
  FROM (SELECT DISTINCT f.user_id, f.category, f.field, f.day
        FROM changed_rows c CROSS JOIN LATERAL summary_tracker_facts(c) f
        WHERE c.type = 'tracker') t
  HAVING count(*) > 0;
  RETURN NULL;
END
$$;

-- Every statement that writes health_events, with its rows; the names order the two update triggers.
DROP TRIGGER IF EXISTS summary_rollup_insert ON health_events;
CREATE TRIGGER summary_rollup_insert AFTER INSERT ON health_events
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION summary_rollup('1');
DROP TRIGGER IF EXISTS summary_rollup_update_new ON health_events;
CREATE TRIGGER summary_rollup_update_new AFTER UPDATE ON health_events
  REFERENCING NEW TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION summary_rollup('1');
DROP TRIGGER IF EXISTS summary_rollup_update_old ON health_events;
CREATE TRIGGER summary_rollup_update_old AFTER UPDATE ON health_events
  REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION summary_rollup('-1');
DROP TRIGGER IF EXISTS summary_rollup_delete ON health_events;
CREATE TRIGGER summary_rollup_delete AFTER DELETE ON health_events
  REFERENCING OLD TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION summary_rollup('-1');

CREATE OR REPLACE FUNCTION summary_truncated() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  TRUNCATE summary_days, summary_day_symptoms, summary_day_trackers, summary_day_medications;
  RETURN NULL;
END
$$;
DROP TRIGGER IF EXISTS summary_rollup_truncate ON health_events;
CREATE TRIGGER summary_rollup_truncate AFTER TRUNCATE ON health_events
  FOR EACH STATEMENT EXECUTE FUNCTION summary_truncated();

-- Rollups recomputed from the events: every user's (no argument), or only the given users'. For writes that
-- bypassed the triggers (a load with session_replication_role = replica, as timeline bench does), timeline summary
-- rebuild, and at the end of this migration. The filter is spliced in, so that each form gets its own plan.
-- Safe beside running writers: all users' takes the rollup tables whole (TRUNCATE), so a writer's trigger waits
-- until the rebuild commits; given users' takes each one's lock of the timeline's own trigger (V002), so their
-- writers take turns with it, and the statements after it see every write that committed before.
CREATE OR REPLACE FUNCTION summary_rebuild(only_users uuid[] DEFAULT NULL) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  chosen text := CASE WHEN only_users IS NULL THEN 'true' ELSE 'e.user_id = ANY ($1)' END;
BEGIN
  IF only_users IS NULL THEN
    TRUNCATE summary_days, summary_day_symptoms, summary_day_trackers, summary_day_medications;
  ELSE
    -- In one order, so that two rebuilds of overlapping users cannot deadlock.
    PERFORM pg_advisory_xact_lock(1214, t.h)
    FROM (SELECT DISTINCT hashtext(u::text) AS h FROM unnest(only_users) u ORDER BY 1) t;
    DELETE FROM summary_days WHERE user_id = ANY (only_users);
    DELETE FROM summary_day_symptoms WHERE user_id = ANY (only_users);
    DELETE FROM summary_day_trackers WHERE user_id = ANY (only_users);
    DELETE FROM summary_day_medications WHERE user_id = ANY (only_users);
  END IF;
  EXECUTE format($sql$
    INSERT INTO summary_days (user_id, day, events, meals, calories, protein, carbs, fat, sleeps, sleep_hours,
        sleep_ratings, sleep_rating_sum, workouts, exercise_minutes, mood_ratings, mood_rating_sum, symptom_events,
        doses_taken, doses_late, doses_skipped, doses_missed, doses_unscheduled, stress_levels, stress_level_sum)
    SELECT f.user_id, f.day, count(*), sum(f.meals), sum(f.calories), sum(f.protein), sum(f.carbs), sum(f.fat),
        sum(f.sleeps), sum(f.sleep_hours), sum(f.sleep_ratings), sum(f.sleep_rating_sum), sum(f.workouts),
        sum(f.exercise_minutes), sum(f.mood_ratings), sum(f.mood_rating_sum), sum(f.symptom_events),
        sum(f.doses_taken), sum(f.doses_late), sum(f.doses_skipped), sum(f.doses_missed), sum(f.doses_unscheduled),
        sum(f.stress_levels), sum(f.stress_level_sum)
    FROM health_events e CROSS JOIN LATERAL summary_day_facts(e) f
    WHERE %s
    GROUP BY f.user_id, f.day$sql$, chosen) USING only_users;
  EXECUTE format($sql$
    INSERT INTO summary_day_symptoms (user_id, day, symptom, events, max_severity)
    SELECT f.user_id, f.day, f.symptom, count(*), max(f.severity)
    FROM health_events e CROSS JOIN LATERAL summary_symptom_facts(e) f
    WHERE %s
    GROUP BY f.user_id, f.day, f.symptom$sql$, chosen) USING only_users;
  EXECUTE format($sql$
    INSERT INTO summary_day_trackers (user_id, category, field, day, n, sum, min, max, last_at, last_event, last_value)
    SELECT f.user_id, f.category, f.field, f.day, count(*), sum(f.value), min(f.value), max(f.value),
           (array_agg(f.occurred_at ORDER BY f.occurred_at DESC, f.event_id DESC))[1],
           (array_agg(f.event_id ORDER BY f.occurred_at DESC, f.event_id DESC))[1],
           (array_agg(f.value ORDER BY f.occurred_at DESC, f.event_id DESC))[1]
    FROM health_events e CROSS JOIN LATERAL summary_tracker_facts(e) f
    WHERE %s
    GROUP BY f.user_id, f.category, f.field, f.day$sql$, chosen) USING only_users;
  EXECUTE format($sql$
    INSERT INTO summary_day_medications (user_id, day, medication, taken, late, skipped, missed, unscheduled)
    SELECT f.user_id, f.day, f.medication, sum(f.taken), sum(f.late), sum(f.skipped), sum(f.missed), sum(f.unscheduled)
    FROM health_events e CROSS JOIN LATERAL summary_medication_facts(e) f
    WHERE %s
    GROUP BY f.user_id, f.day, f.medication$sql$, chosen) USING only_users;
  IF only_users IS NULL THEN
    ANALYZE summary_days, summary_day_symptoms, summary_day_trackers, summary_day_medications;
  END IF;
END
$$;

SELECT summary_rebuild();
