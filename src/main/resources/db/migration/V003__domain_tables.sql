-- The domain tables: the source rows behind timeline events (food, sleep, exercise, tracking, medications,
-- assessments) and the rest of the bot's data (conversation, memories, gamification, reminders, onboarding,
-- tools, insights). Seeds 003 and 002, adapted to our conventions:
--  * The seeds' VARCHAR Telegram ids become users(id); users.external_id holds the Telegram id.
--  * Every primary and unique key of a person's data starts with user_id, so the schema can be distributed by
--    user_id on Citus unchanged; a child references its parent by (user_id, parent_id) and reaches users
--    through it, as health_event_versions does. Each child gets an index on that pair: deleting a parent row
--    looks its children up by it.
--  * timestamptz for every instant (seed 001). The seeds' column `timestamp` is called occurred_at here, the
--    name health_events uses, so a source row maps onto its event by name; insight_interactions.at is
--    occurred_at too (AT is an SQL keyword).
--  * text instead of varchar(n): the seeds' lengths are arbitrary and a cut-off Telegram message is worse than
--    a long one. Values are checked where a seed says which are allowed.
--  * Dates (streak days, medication start/end) are the person's local dates in users.time_zone.
-- Deliberate differences from the seeds are noted at their table.

CREATE TABLE food_entries (
  user_id        uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  id             uuid NOT NULL DEFAULT gen_random_uuid(),
  occurred_at    timestamptz NOT NULL DEFAULT now(),
  total_calories integer CHECK (total_calories >= 0),
  meal_type      text CHECK (meal_type IN ('breakfast', 'lunch', 'dinner', 'snack', 'other')),
  photo_path     text,
  notes          text,
  foods          jsonb NOT NULL CHECK (jsonb_typeof(foods) = 'array'),
  total_macros   jsonb CHECK (jsonb_typeof(total_macros) = 'object'),
  PRIMARY KEY (user_id, id)
);
-- No GIN on foods (seed 003 has one): PERFORMANCE.md measured that jsonb_path_ops GIN cannot serve a range
-- predicate and loses to the per-user btree even for containment (2.3 s against 0.5 ms), while costing ~40 %
-- of each insert. A user's entries are found by time and filtered.
CREATE INDEX food_entries_user_time ON food_entries (user_id, occurred_at);

-- The previous and the corrected content of each correction (seed 001 adds who made it).
CREATE TABLE food_entry_audit (
  user_id           uuid NOT NULL,
  id                uuid NOT NULL DEFAULT gen_random_uuid(),
  entry_id          uuid NOT NULL,
  corrected_at      timestamptz NOT NULL DEFAULT now(),
  corrected_by      text,
  correction_reason text,
  original_data     jsonb NOT NULL,
  corrected_data    jsonb NOT NULL,
  PRIMARY KEY (user_id, id),
  FOREIGN KEY (user_id, entry_id) REFERENCES food_entries (user_id, id) ON DELETE CASCADE
);
CREATE INDEX food_entry_audit_entry ON food_entry_audit (user_id, entry_id, corrected_at);

-- Seed 000 stores bedtime and wake_time as times of day. Here they are instants: a night crosses midnight
-- and sometimes a DST change, and only instants give its real length.
CREATE TABLE sleep_entries (
  user_id                uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  id                     uuid NOT NULL DEFAULT gen_random_uuid(),
  logged_at              timestamptz NOT NULL DEFAULT now(),
  bedtime                timestamptz,
  wake_time              timestamptz,
  total_sleep_hours      numeric(4, 2) CHECK (total_sleep_hours BETWEEN 0 AND 24),
  sleep_latency_minutes  integer CHECK (sleep_latency_minutes >= 0),
  night_wakings          integer CHECK (night_wakings >= 0),
  sleep_quality_rating   integer CHECK (sleep_quality_rating BETWEEN 1 AND 10),
  alertness_rating       integer CHECK (alertness_rating BETWEEN 1 AND 10),
  phone_usage            boolean,
  phone_duration_minutes integer CHECK (phone_duration_minutes >= 0),
  disruptions            jsonb CHECK (jsonb_typeof(disruptions) = 'array'),
  PRIMARY KEY (user_id, id),
  CONSTRAINT woke_after_bedtime CHECK (wake_time > bedtime)
);
CREATE INDEX sleep_entries_user_time ON sleep_entries (user_id, logged_at);

-- Not in seed 003, whose exercise events have no source row; here every event from a domain has one.
-- duration_minutes is numeric because imported workouts have fractions (Apple Health: 36.5 min).
CREATE TABLE exercise_entries (
  user_id          uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  id               uuid NOT NULL DEFAULT gen_random_uuid(),
  occurred_at      timestamptz NOT NULL DEFAULT now(),
  ended_at         timestamptz,
  duration_minutes numeric(7, 2) CHECK (duration_minutes >= 0),
  activity_type    text NOT NULL,
  intensity        text,
  notes            text,
  PRIMARY KEY (user_id, id),
  CONSTRAINT ended_after_occurred CHECK (ended_at >= occurred_at)
);
CREATE INDEX exercise_entries_user_time ON exercise_entries (user_id, occurred_at);

CREATE TABLE tracking_categories (
  user_id    uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  id         uuid NOT NULL DEFAULT gen_random_uuid(),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  active     boolean NOT NULL DEFAULT true,
  name       text NOT NULL,
  fields     jsonb NOT NULL,
  schedule   jsonb,
  PRIMARY KEY (user_id, id),
  UNIQUE (user_id, name)
);
CREATE TRIGGER tracking_categories_updated_at BEFORE UPDATE ON tracking_categories
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE TABLE tracking_entries (
  user_id     uuid NOT NULL,
  id          uuid NOT NULL DEFAULT gen_random_uuid(),
  category_id uuid NOT NULL,
  occurred_at timestamptz NOT NULL DEFAULT now(),
  notes       text,
  data        jsonb NOT NULL CHECK (jsonb_typeof(data) = 'object'),
  PRIMARY KEY (user_id, id),
  FOREIGN KEY (user_id, category_id) REFERENCES tracking_categories (user_id, id) ON DELETE CASCADE
);
CREATE INDEX tracking_entries_category_time ON tracking_entries (user_id, category_id, occurred_at);

CREATE TABLE user_medications (
  user_id    uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  id         uuid NOT NULL DEFAULT gen_random_uuid(),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  start_date date,
  end_date   date,
  dose       numeric CHECK (dose > 0),
  as_needed  boolean NOT NULL DEFAULT false,
  active     boolean NOT NULL DEFAULT true,
  name       text NOT NULL,
  unit       text,
  -- Wall-clock times without an offset, read in the user's time zone (as reminders' schedules are).
  schedule   jsonb CHECK (jsonb_typeof(schedule) = 'object'),
  PRIMARY KEY (user_id, id),
  CONSTRAINT ends_after_start CHECK (end_date >= start_date)
);
CREATE TRIGGER user_medications_updated_at BEFORE UPDATE ON user_medications
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- One row per dose: due at scheduled_for (none for an as-needed dose), taken at taken_at.
-- The unique key makes recording a scheduled dose idempotent.
CREATE TABLE medication_adherence (
  user_id       uuid NOT NULL,
  id            uuid NOT NULL DEFAULT gen_random_uuid(),
  medication_id uuid NOT NULL,
  scheduled_for timestamptz,
  taken_at      timestamptz,
  status        text NOT NULL CHECK (status IN ('taken', 'skipped', 'late', 'missed')),
  notes         text,
  side_effects  jsonb CHECK (jsonb_typeof(side_effects) = 'array'),
  PRIMARY KEY (user_id, id),
  UNIQUE (user_id, medication_id, scheduled_for),
  FOREIGN KEY (user_id, medication_id) REFERENCES user_medications (user_id, id) ON DELETE CASCADE,
  CONSTRAINT dose_has_a_time CHECK (scheduled_for IS NOT NULL OR taken_at IS NOT NULL),
  CONSTRAINT taken_at_only_when_taken CHECK (taken_at IS NULL OR status IN ('taken', 'late'))
);

-- Questionnaires (PHQ-4, GAD-7, ...) are the same for everyone: not a person's data, so no user_id.
CREATE TABLE assessment_definitions (
  code       text PRIMARY KEY CHECK (code ~ '^[a-z0-9_]{1,50}$'),
  version    integer NOT NULL DEFAULT 1 CHECK (version >= 1),
  created_at timestamptz NOT NULL DEFAULT now(),
  name       text NOT NULL,
  items      jsonb NOT NULL CHECK (jsonb_typeof(items) = 'array'),
  scoring    jsonb NOT NULL CHECK (jsonb_typeof(scoring) = 'object')
);

-- A definition that has responses cannot be deleted (the default NO ACTION): its answers would lose meaning.
CREATE TABLE assessment_responses (
  user_id         uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  id              uuid NOT NULL DEFAULT gen_random_uuid(),
  completed_at    timestamptz NOT NULL DEFAULT now(),
  score           numeric,
  assessment_code text NOT NULL REFERENCES assessment_definitions (code),
  severity        text,
  answers         jsonb NOT NULL,
  PRIMARY KEY (user_id, id)
);
CREATE INDEX assessment_responses_user_code_time ON assessment_responses (user_id, assessment_code, completed_at);

CREATE TABLE conversation_history (
  user_id     uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  id          uuid NOT NULL DEFAULT gen_random_uuid(),
  occurred_at timestamptz NOT NULL DEFAULT now(),
  role        text NOT NULL CHECK (role IN ('user', 'assistant', 'system')),
  content     text NOT NULL,
  PRIMARY KEY (user_id, id)
);
-- The agent reads a user's last messages: a backward scan of this index.
CREATE INDEX conversation_history_user_time ON conversation_history (user_id, occurred_at, id);

CREATE TABLE user_habits (
  user_id           uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  id                uuid NOT NULL DEFAULT gen_random_uuid(),
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  confidence        numeric(3, 2) CHECK (confidence BETWEEN 0 AND 1),
  habit_type        text NOT NULL,
  habit_description text NOT NULL,
  evidence          jsonb,
  PRIMARY KEY (user_id, id)
);
CREATE TRIGGER user_habits_updated_at BEFORE UPDATE ON user_habits FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- Seed 003 keeps a pgvector column, which is not installable here. The vector is kept as real[] (384
-- dimensions, the service's embedding model) and searched per user in the service, beside full-text search;
-- where pgvector exists, `embedding::vector(384)` can be indexed without moving the data.
CREATE TABLE memories (
  user_id     uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  id          uuid NOT NULL DEFAULT gen_random_uuid(),
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  memory_text text NOT NULL,
  embedding   real[] CONSTRAINT embedding_has_384_dimensions
                CHECK (array_ndims(embedding) = 1 AND cardinality(embedding) = 384),
  -- 'simple': memories come in any language, and stemming for the wrong one loses matches.
  text_search tsvector GENERATED ALWAYS AS (to_tsvector('simple', memory_text)) STORED,
  metadata    jsonb,
  PRIMARY KEY (user_id, id)
);
CREATE INDEX memories_user_time ON memories (user_id, created_at);
CREATE INDEX memories_text_search ON memories USING gin (text_search);
CREATE TRIGGER memories_updated_at BEFORE UPDATE ON memories FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE TABLE user_xp (
  user_id       uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  xp            integer NOT NULL DEFAULT 0 CHECK (xp >= 0),
  level         integer NOT NULL DEFAULT 1 CHECK (level >= 1),
  tier          text NOT NULL DEFAULT 'Bronze' CHECK (tier IN ('Bronze', 'Silver', 'Gold', 'Platinum')),
  last_xp_award timestamptz,
  created_at    timestamptz NOT NULL DEFAULT now()
);

-- last_activity_date is the user's local day, in users.time_zone.
CREATE TABLE user_streaks (
  user_id                    uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  current_streak             integer NOT NULL DEFAULT 0 CHECK (current_streak >= 0),
  best_streak                integer NOT NULL DEFAULT 0,
  food_logging_streak        integer NOT NULL DEFAULT 0 CHECK (food_logging_streak >= 0),
  reminder_completion_streak integer NOT NULL DEFAULT 0 CHECK (reminder_completion_streak >= 0),
  last_activity_date         date,
  created_at                 timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT best_is_at_least_current CHECK (best_streak >= current_streak)
);

CREATE TABLE user_achievements (
  user_id          uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  id               uuid NOT NULL DEFAULT gen_random_uuid(),
  unlocked_at      timestamptz NOT NULL DEFAULT now(),
  achievement_id   text NOT NULL,
  achievement_name text NOT NULL,
  progress         jsonb,
  PRIMARY KEY (user_id, id),
  UNIQUE (user_id, achievement_id)
);

-- Seed 003's UNIQUE (user_id, challenge_id, status) would forbid failing the same challenge twice or
-- retrying one once completed; what must be unique is the attempt under way.
CREATE TABLE user_challenges (
  user_id        uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  id             uuid NOT NULL DEFAULT gen_random_uuid(),
  started_at     timestamptz NOT NULL DEFAULT now(),
  completed_at   timestamptz,
  status         text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'completed', 'failed')),
  challenge_id   text NOT NULL,
  challenge_name text NOT NULL,
  progress       jsonb NOT NULL,
  PRIMARY KEY (user_id, id),
  CONSTRAINT completed_after_started CHECK (completed_at >= started_at)
);
CREATE UNIQUE INDEX user_challenges_one_active ON user_challenges (user_id, challenge_id) WHERE status = 'active';

-- The schedule names wall-clock times without an offset ({"type":"daily","time":"09:00","days":[...]},
-- {"type":"one_time","datetime":"2025-01-20T15:30:00"}), read in the user's time_zone when they are due: a
-- 09:00 reminder stays at 09:00 across DST and when the person moves. Seed 003's job_id (an APScheduler
-- id) is left out: due reminders are computed from the schedule, not held by an external scheduler.
CREATE TABLE reminders (
  user_id       uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  id            uuid NOT NULL DEFAULT gen_random_uuid(),
  created_at    timestamptz NOT NULL DEFAULT now(),
  active        boolean NOT NULL DEFAULT true,
  reminder_type text NOT NULL CHECK (reminder_type IN ('simple', 'tracking_prompt')),
  message       text NOT NULL,
  -- Where a due reminder is delivered, for apps that are not a chat bot polling for it.
  webhook_url   text CHECK (webhook_url ~ '^https?://'),
  schedule      jsonb NOT NULL CHECK (jsonb_typeof(schedule) = 'object' AND schedule ? 'type'),
  PRIMARY KEY (user_id, id)
);
CREATE INDEX reminders_user_active ON reminders (user_id, active);

CREATE TABLE reminder_completions (
  user_id      uuid NOT NULL,
  id           uuid NOT NULL DEFAULT gen_random_uuid(),
  reminder_id  uuid NOT NULL,
  triggered_at timestamptz NOT NULL DEFAULT now(),
  completed_at timestamptz,
  completed    boolean NOT NULL DEFAULT false,
  PRIMARY KEY (user_id, id),
  FOREIGN KEY (user_id, reminder_id) REFERENCES reminders (user_id, id) ON DELETE CASCADE,
  CONSTRAINT completed_at_only_when_completed CHECK (completed_at IS NULL OR completed)
);
CREATE INDEX reminder_completions_reminder_time ON reminder_completions (user_id, reminder_id, triggered_at);

-- A tool is declarative data (ARCHITECTURE.md): a named, parameterised query over the user's own timeline
-- and aggregates, in `definition`. Seed 003's tool_code held Python to execute; no user-written code is run.
CREATE TABLE dynamic_tools (
  user_id          uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  id               uuid NOT NULL DEFAULT gen_random_uuid(),
  created_at       timestamptz NOT NULL DEFAULT now(),
  approved         boolean NOT NULL DEFAULT false,
  tool_name        text NOT NULL,
  tool_description text NOT NULL,
  tool_type        text NOT NULL CHECK (tool_type IN ('read_only', 'data_write', 'data_delete')),
  definition       jsonb NOT NULL CHECK (jsonb_typeof(definition) = 'object'),
  PRIMARY KEY (user_id, id),
  UNIQUE (user_id, tool_name)
);

CREATE TABLE tool_approval_requests (
  user_id      uuid NOT NULL,
  id           uuid NOT NULL DEFAULT gen_random_uuid(),
  tool_id      uuid NOT NULL,
  requested_at timestamptz NOT NULL DEFAULT now(),
  resolved_at  timestamptz,
  status       text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
  PRIMARY KEY (user_id, id),
  FOREIGN KEY (user_id, tool_id) REFERENCES dynamic_tools (user_id, id) ON DELETE CASCADE,
  CONSTRAINT resolved_when_decided CHECK ((status = 'pending') = (resolved_at IS NULL))
);
CREATE INDEX tool_approval_requests_tool ON tool_approval_requests (user_id, tool_id);

CREATE TABLE user_onboarding (
  user_id      uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  started_at   timestamptz NOT NULL DEFAULT now(),
  completed_at timestamptz,
  state        text NOT NULL,
  path         text NOT NULL DEFAULT 'standard' CHECK (path IN ('standard', 'quick', 'detailed')),
  data         jsonb
);

CREATE TABLE sleep_quiz_submissions (
  user_id         uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  id              uuid NOT NULL DEFAULT gen_random_uuid(),
  submitted_at    timestamptz NOT NULL DEFAULT now(),
  sleep_score     integer,
  responses       jsonb NOT NULL,
  recommendations jsonb,
  PRIMARY KEY (user_id, id)
);

CREATE TABLE insights (
  user_id    uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  id         uuid NOT NULL DEFAULT gen_random_uuid(),
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz,
  priority   integer NOT NULL DEFAULT 0,
  kind       text NOT NULL,
  title      text NOT NULL,
  body       text NOT NULL,
  data       jsonb CHECK (jsonb_typeof(data) = 'object'),
  PRIMARY KEY (user_id, id),
  CONSTRAINT expires_after_created CHECK (expires_at > created_at)
);

CREATE TABLE insight_interactions (
  user_id     uuid NOT NULL,
  id          uuid NOT NULL DEFAULT gen_random_uuid(),
  insight_id  uuid NOT NULL,
  occurred_at timestamptz NOT NULL DEFAULT now(),
  action      text NOT NULL CHECK (action IN ('viewed', 'dismissed', 'acted', 'helpful', 'not_helpful')),
  PRIMARY KEY (user_id, id),
  FOREIGN KEY (user_id, insight_id) REFERENCES insights (user_id, id) ON DELETE CASCADE
);
CREATE INDEX insight_interactions_insight ON insight_interactions (user_id, insight_id, action);

CREATE TABLE subscriptions (
  user_id    uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  started_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz,
  plan       text NOT NULL DEFAULT 'free' CHECK (plan IN ('free', 'premium', 'pro')),
  status     text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'cancelled', 'expired'))
);

-- Not a person's data: a code outlives the user who made it, who is then forgotten (SET NULL).
CREATE TABLE invite_codes (
  code         text PRIMARY KEY CHECK (length(code) BETWEEN 1 AND 50),
  created_by   uuid REFERENCES users (id) ON DELETE SET NULL,
  max_uses     integer NOT NULL DEFAULT 1 CHECK (max_uses >= 1),
  current_uses integer NOT NULL DEFAULT 0,
  expires_at   timestamptz,
  created_at   timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT uses_within_limit CHECK (current_uses BETWEEN 0 AND max_uses)
);
