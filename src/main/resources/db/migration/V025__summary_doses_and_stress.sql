-- The summaries after the domain services landed (R__summary_rollups.sql keeps these, and rebuilds every rollup
-- when it runs again, so rows written under the old rules are recomputed).
--  * Doses taken as needed (a medication event of subtype as_needed, which the medications feature writes for a
--    dose without scheduled_for) are outside the adherence rate, as GET …/medications/adherence counts them:
--    summary_days counts them apart.
--  * Stress logs (POST …/stress) have a metric of their own: mean stress_level.
--  * Adherence per medication: summary_day_medications.
ALTER TABLE summary_days
  ADD COLUMN doses_unscheduled integer NOT NULL DEFAULT 0,
  ADD COLUMN stress_levels     integer NOT NULL DEFAULT 0,
  ADD COLUMN stress_level_sum  numeric NOT NULL DEFAULT 0;

-- Per day and medication (its medication_id, lower-cased; by name for an event that has none): the doses by status,
-- and the doses taken as needed. Every count only grows or shrinks by one event, so the row is kept by deltas and
-- removed when all its counts are 0.
CREATE TABLE summary_day_medications (
  user_id     uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  day         date NOT NULL,
  medication  text NOT NULL,
  taken       integer NOT NULL,
  late        integer NOT NULL,
  skipped     integer NOT NULL,
  missed      integer NOT NULL,
  unscheduled integer NOT NULL,
  PRIMARY KEY (user_id, day, medication)
);
