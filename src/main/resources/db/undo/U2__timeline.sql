-- Undo of V002__timeline.sql (seed 000's rollback plan). The source tables are not touched: every event
-- can be rebuilt from them by `timeline backfill`, except events written only through the events API.
-- CASCADE, as seed 000 has it: triggers and views that later features built on the timeline go with it. They are
-- kept in repeatable migrations (R__*.sql), which Migrations.undo forgets, so the next migrate makes them again.
DROP TABLE IF EXISTS health_event_versions;
DROP TABLE IF EXISTS health_events CASCADE;
DROP FUNCTION IF EXISTS health_events_track_change();
DROP FUNCTION IF EXISTS event_key_id(uuid, text, text);
DROP SEQUENCE IF EXISTS health_event_change_seq;
DROP TYPE IF EXISTS event_type;
