-- Reminders that fire (issue 6), on the tables V003 made for them.
--
-- Firing: reminders.next_fire_at is the one firing the scheduler holds for a reminder (null: none, because it is
-- paused or a one-time reminder has fired). A trigger mirrors it into db-scheduler's table (V004) as the execution
-- 'reminder-firing' / '<user_id>/<reminder_id>/<epoch second of next_fire_at>', in the same transaction as the
-- reminder's own write: a reminder created, changed, paused, deleted (also with its user) or moved to another zone
-- never has an execution too many or too few, whoever writes it. An execution that is running (picked) belongs to
-- db-scheduler and is left alone; when it runs it fires only if the reminder still holds its time.

ALTER TABLE reminders
  ADD COLUMN updated_at     timestamptz NOT NULL DEFAULT now(),
  ADD COLUMN next_fire_at   timestamptz,
  -- The key of the HMAC signature over webhook bodies. Stored in the clear: signing needs the key itself.
  ADD COLUMN webhook_secret text;

CREATE FUNCTION reminder_firing_instance(user_id uuid, reminder_id uuid, at timestamptz) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT user_id || '/' || reminder_id || '/' || extract(epoch FROM at)::bigint
$$;

CREATE FUNCTION reminders_sync_execution() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.next_fire_at IS NOT DISTINCT FROM NEW.next_fire_at THEN
    RETURN NULL;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.next_fire_at IS NOT NULL THEN
    DELETE FROM scheduled_tasks
    WHERE task_name = 'reminder-firing' AND task_instance = reminder_firing_instance(OLD.user_id, OLD.id, OLD.next_fire_at)
      AND NOT picked;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.next_fire_at IS NOT NULL THEN
    INSERT INTO scheduled_tasks (task_name, task_instance, execution_time, picked, version)
    VALUES ('reminder-firing', reminder_firing_instance(NEW.user_id, NEW.id, NEW.next_fire_at), NEW.next_fire_at, false, 1)
    ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END
$$;
CREATE TRIGGER reminders_sync_execution AFTER INSERT OR DELETE OR UPDATE OF next_fire_at ON reminders
  FOR EACH ROW EXECUTE FUNCTION reminders_sync_execution();

-- A row per firing (scheduled_for, unique per reminder, so that a firing run twice records once) and per
-- completion without a firing (scheduled_for null). completed_local_date is the user's local date of completed_at,
-- fixed when completed (a later move does not rewrite history): what streaks and daily counts group by.
-- change_seq numbers the row's changes from the timeline's own sequence, so that one cursor orders a user's events
-- and reminders alike on the live stream; webhook_* is the delivery to the reminder's webhook_url.
ALTER TABLE reminder_completions
  ADD COLUMN scheduled_for        timestamptz,
  ADD COLUMN completed_local_date date,
  ADD COLUMN change_seq           bigint,
  ADD COLUMN webhook_state        text CHECK (webhook_state IN ('pending', 'delivered', 'failed')),
  ADD COLUMN webhook_attempts     integer NOT NULL DEFAULT 0,
  ADD COLUMN webhook_delivered_at timestamptz,
  ADD COLUMN webhook_last_error   text;
UPDATE reminder_completions SET change_seq = nextval('health_event_change_seq');
ALTER TABLE reminder_completions ALTER COLUMN change_seq SET NOT NULL;

CREATE UNIQUE INDEX reminder_completions_firing ON reminder_completions (user_id, reminder_id, scheduled_for);
CREATE INDEX reminder_completions_user_change ON reminder_completions (user_id, change_seq);
CREATE INDEX reminder_completions_user_day ON reminder_completions (user_id, completed_local_date) WHERE completed;

-- A change the user sees (a firing, a completion) gets the next change_seq under the timeline's per-user lock
-- (V002, health_events_track_change: same lock, same sequence), so that a user's change_seq values become visible
-- in increasing order across events and reminders alike. Delivery bookkeeping is no such change.
CREATE FUNCTION reminder_completions_track_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND (NEW.completed, NEW.completed_at) IS NOT DISTINCT FROM (OLD.completed, OLD.completed_at) THEN
    NEW.change_seq := OLD.change_seq;
    NEW.completed_local_date := OLD.completed_local_date;
    RETURN NEW;
  END IF;
  PERFORM pg_advisory_xact_lock(1214, hashtext(NEW.user_id::text));
  IF NEW.completed THEN
    SELECT (coalesce(NEW.completed_at, now()) AT TIME ZONE u.time_zone)::date INTO NEW.completed_local_date
    FROM users u WHERE u.id = NEW.user_id;
  ELSE
    NEW.completed_local_date := NULL;
  END IF;
  NEW.change_seq := nextval('health_event_change_seq');
  RETURN NEW;
END
$$;
CREATE TRIGGER reminder_completions_track_change BEFORE INSERT OR UPDATE ON reminder_completions
  FOR EACH ROW EXECUTE FUNCTION reminder_completions_track_change();

-- A firing to deliver gets its execution 'reminder-webhook' / '<user_id>/<completion id>', due when it fired, with
-- the row; retries reschedule that execution (db-scheduler), and removing the row removes a delivery still waiting.
CREATE FUNCTION reminder_completions_sync_delivery() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO scheduled_tasks (task_name, task_instance, execution_time, picked, version)
    VALUES ('reminder-webhook', NEW.user_id || '/' || NEW.id, NEW.triggered_at, false, 1)
    ON CONFLICT DO NOTHING;
  ELSE
    DELETE FROM scheduled_tasks
    WHERE task_name = 'reminder-webhook' AND task_instance = OLD.user_id || '/' || OLD.id AND NOT picked;
  END IF;
  RETURN NULL;
END
$$;
CREATE TRIGGER reminder_completions_deliver AFTER INSERT ON reminder_completions
  FOR EACH ROW WHEN (NEW.webhook_state = 'pending') EXECUTE FUNCTION reminder_completions_sync_delivery();
CREATE TRIGGER reminder_completions_forget_delivery AFTER DELETE ON reminder_completions
  FOR EACH ROW WHEN (OLD.webhook_state = 'pending') EXECUTE FUNCTION reminder_completions_sync_delivery();
