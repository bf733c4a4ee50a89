-- The live stream (GET /v1/users/{userId}/stream) learns that a user's data changed from a NOTIFY on the channel
-- timeline_changes whose payload is the user's id, and nothing more: each serve process LISTENs once and wakes its
-- subscribers of that user, who then read the change feed (which tells them what changed, in order). NOTIFY is sent
-- at commit, from any writer (this service, another serve process, plain SQL), and one transaction sends each
-- user's id once however many rows it wrote.
--
-- On health_events the trigger runs once per statement and names each user of the statement's rows once (a
-- transition table): a batch of 1,000 events costs one call, not 1,000. Repeatable (R__), because undoing the
-- timeline drops health_events with its triggers: the next migrate makes them again.

CREATE OR REPLACE FUNCTION stream_notify_users() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('timeline_changes', u.user_id::text) FROM (SELECT DISTINCT user_id FROM changed) AS u;
  RETURN NULL;
END
$$;

DROP TRIGGER IF EXISTS health_events_stream_insert ON health_events;
CREATE TRIGGER health_events_stream_insert AFTER INSERT ON health_events
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION stream_notify_users();
DROP TRIGGER IF EXISTS health_events_stream_update ON health_events;
CREATE TRIGGER health_events_stream_update AFTER UPDATE ON health_events
  REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION stream_notify_users();

-- Firings and completions of reminders, a row at a time; a change the user sees is one that moved change_seq
-- (V012__reminders.sql).
CREATE OR REPLACE FUNCTION stream_notify_user() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('timeline_changes', NEW.user_id::text);
  RETURN NULL;
END
$$;

DROP TRIGGER IF EXISTS reminder_completions_stream_insert ON reminder_completions;
CREATE TRIGGER reminder_completions_stream_insert AFTER INSERT ON reminder_completions
  FOR EACH ROW EXECUTE FUNCTION stream_notify_user();
DROP TRIGGER IF EXISTS reminder_completions_stream_update ON reminder_completions;
CREATE TRIGGER reminder_completions_stream_update AFTER UPDATE ON reminder_completions
  FOR EACH ROW WHEN (OLD.change_seq IS DISTINCT FROM NEW.change_seq) EXECUTE FUNCTION stream_notify_user();
