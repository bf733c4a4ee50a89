-- V002's row trigger health_events_track_change, split in two so that a bulk writer can do its work for a whole
-- statement instead of once per row:
--  * on UPDATE it runs for every row, as before (versions, history, change_seq);
--  * on INSERT it runs unless the transaction set timeline.bulk_insert to 'on'. A writer that sets it promises, for
--    the rows of that statement, what the trigger would do: it holds the user's advisory lock (1214, hashtext(user))
--    before the first row, gives each event the id its key derives (event_key_id / EventKeys), its UTC offset,
--    version 1 and change_seq from nextval('health_event_change_seq'). Without a change_seq the insert fails
--    (NOT NULL), so a writer that forgets fails loudly. The statement-level triggers (rollups, stream) and the
--    foreign key run as for any insert. org.healthtimeline.timeline.StagedInsert is that writer (imports); what it
--    saves is in the README ("Import speed").
-- A WHEN condition is evaluated without calling the function, so a skipped row costs nearly nothing. Repeatable,
-- because undoing the timeline (U2) drops health_events and the next migrate runs V002 (and then this) again.

DROP TRIGGER IF EXISTS health_events_track_change ON health_events;

DROP TRIGGER IF EXISTS health_events_track_insert ON health_events;
CREATE TRIGGER health_events_track_insert BEFORE INSERT ON health_events
  FOR EACH ROW WHEN (current_setting('timeline.bulk_insert', true) IS DISTINCT FROM 'on')
  EXECUTE FUNCTION health_events_track_change();

DROP TRIGGER IF EXISTS health_events_track_update ON health_events;
CREATE TRIGGER health_events_track_update BEFORE UPDATE ON health_events
  FOR EACH ROW EXECUTE FUNCTION health_events_track_change();
