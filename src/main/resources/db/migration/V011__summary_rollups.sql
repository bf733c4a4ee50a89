-- Daily rollups of every user's timeline, read by the aggregates API (org.healthtimeline.summary) instead of
-- the raw events, so that a year of daily buckets is a few hundred index rows however long the history.
-- A "day" is the user's local calendar day of the event, from its stored utc_offset_min (a sleep counts on the
-- day its sleeper woke up). The triggers of R__summary_rollups.sql keep every row equal to what the day's live
-- (not deleted) events add up to, in the same transaction as the write; summary_rebuild() recomputes them.
-- Sums are numeric, not float: JSON numbers are decimal text, so adding a value and later subtracting it
-- (a correction, a deletion) is exact, and the rollups stay equal to a recomputation to the last digit.
-- No foreign key to health_events (TEAM.md): undo of the timeline leaves these tables, and the repeatable
-- migration rebuilds them when it makes its triggers again.

-- One row per user and day on which a meal, sleep, workout, mood, symptom or medication event counts.
-- Updated in place by each of the day's events, so pages keep room for HOT updates.
CREATE TABLE summary_days (
  user_id           uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  day               date NOT NULL,
  -- The live events this row counts; at 0 the row is removed.
  events            integer NOT NULL,
  meals             integer NOT NULL,
  calories          numeric NOT NULL,
  protein           numeric NOT NULL,
  carbs             numeric NOT NULL,
  fat               numeric NOT NULL,
  sleeps            integer NOT NULL,
  sleep_hours       numeric NOT NULL,
  sleep_ratings     integer NOT NULL,
  sleep_rating_sum  numeric NOT NULL,
  workouts          integer NOT NULL,
  exercise_minutes  numeric NOT NULL,
  mood_ratings      integer NOT NULL,
  mood_rating_sum   numeric NOT NULL,
  symptom_events    integer NOT NULL,
  doses_taken       integer NOT NULL,
  doses_late        integer NOT NULL,
  doses_skipped     integer NOT NULL,
  doses_missed      integer NOT NULL,
  PRIMARY KEY (user_id, day)
) WITH (fillfactor = 75);

-- Per day and symptom type (lower-cased): how many symptom events named it, and their highest severity.
CREATE TABLE summary_day_symptoms (
  user_id      uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  day          date NOT NULL,
  symptom      text NOT NULL,
  events       integer NOT NULL,
  max_severity numeric,
  PRIMARY KEY (user_id, day, symptom)
);

-- Per tracker category, numeric field and day: count, sum, min, max and the latest value (by occurred_at, then
-- id). An event counts under its category_id (lower-cased) and again under its category_name, so that a query
-- names the category either way. Keyed by category first: one field over a year is one index range.
CREATE TABLE summary_day_trackers (
  user_id    uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  category   text NOT NULL,
  field      text NOT NULL,
  day        date NOT NULL,
  n          integer NOT NULL,
  sum        numeric NOT NULL,
  min        numeric NOT NULL,
  max        numeric NOT NULL,
  last_at    timestamptz NOT NULL,
  last_event uuid NOT NULL,
  last_value numeric NOT NULL,
  PRIMARY KEY (user_id, category, field, day)
);
