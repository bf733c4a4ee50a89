-- The unified timeline: one row per health event of a person, every correction kept in
-- health_event_versions, every change numbered by change_seq for the change feed.
-- The index set is the lean one PERFORMANCE.md measured: each index here pays for a query the API serves.
-- Two choices measured by `timeline bench` (bytes per event, README "Storage"):
--  * data is json, not jsonb: the API stores and serves it as text (compact, as Jackson wrote it), which
--    is ~110 bytes smaller per event than jsonb and needs no conversion on the way out; filters cast it
--    to jsonb for the few rows they look at.
--  * An event with a dedupe_key or a source row gets an id derived from that key (event_key_id), so the
--    primary key itself makes creates idempotent and finds an event by lineage; no unique index per key.
-- Undo: db/undo/U2__timeline.sql.

CREATE TYPE event_type AS ENUM (
  -- seed 000
  'meal', 'sleep', 'exercise', 'symptom', 'mood', 'stress', 'tracker', 'custom',
  -- seed 002
  'medication', 'assessment', 'vital', 'treatment', 'appointment', 'note'
);

CREATE SEQUENCE health_event_change_seq AS bigint;

CREATE TABLE health_events (
  -- Fixed-width columns first so that they pack without alignment padding.
  user_id        uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  id             uuid NOT NULL DEFAULT gen_random_uuid(),
  occurred_at    timestamptz NOT NULL,
  change_seq     bigint NOT NULL,
  recorded_at    timestamptz NOT NULL DEFAULT now(),
  ended_at       timestamptz,
  deleted_at     timestamptz,
  record_version bigint,
  version        integer NOT NULL DEFAULT 1,
  importance     real,
  type           event_type NOT NULL,
  -- The person's UTC offset at occurred_at, in minutes: it decides which local day an event belongs to.
  utc_offset_min smallint NOT NULL,
  subtype        text,
  session_id     text,
  summary        text,
  origin         text,
  source_table   text,
  source_id      text,
  dedupe_key     text,
  data           json NOT NULL,
  PRIMARY KEY (user_id, id),
  CONSTRAINT ended_after_occurred CHECK (ended_at IS NULL OR ended_at >= occurred_at),
  CONSTRAINT importance_in_unit_range CHECK (importance IS NULL OR importance BETWEEN 0 AND 1),
  CONSTRAINT data_is_object CHECK (json_typeof(data) = 'object'),
  CONSTRAINT lineage_is_whole CHECK ((source_table IS NULL) = (source_id IS NULL)),
  CONSTRAINT utc_offset_is_real CHECK (utc_offset_min BETWEEN -1080 AND 1080),
  CONSTRAINT version_positive CHECK (version >= 1)
);

-- A user's events by time: the 30-day query, per-type and JSON filters over a range, keyset pages.
CREATE INDEX health_events_user_time ON health_events (user_id, occurred_at, id);
-- The change feed of a user.
CREATE INDEX health_events_user_change ON health_events (user_id, change_seq);
-- An agent's conversation in order; without it a session query reads the user's whole history.
CREATE INDEX health_events_user_session ON health_events (user_id, session_id, occurred_at, id) WHERE session_id IS NOT NULL;

CREATE TABLE health_event_versions (
  user_id        uuid NOT NULL,
  event_id       uuid NOT NULL,
  version        integer NOT NULL,
  occurred_at    timestamptz NOT NULL,
  recorded_at    timestamptz NOT NULL,
  superseded_at  timestamptz NOT NULL DEFAULT now(),
  ended_at       timestamptz,
  record_version bigint,
  importance     real,
  type           event_type NOT NULL,
  utc_offset_min smallint NOT NULL,
  subtype        text,
  session_id     text,
  summary        text,
  origin         text,
  data           json NOT NULL,
  PRIMARY KEY (user_id, event_id, version),
  FOREIGN KEY (user_id, event_id) REFERENCES health_events (user_id, id) ON DELETE CASCADE
);

-- The id of an event that has a key: a version-8 UUID from the MD5 of its user and key, so that every
-- writer (this service computes the same in Java, EventKeys) lands on the same row, and ids stay unique
-- across users. kind is 'source' (key: table, a newline, the source id) or 'dedupe' (the dedupe_key).
CREATE FUNCTION event_key_id(user_id uuid, kind text, key text) RETURNS uuid
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT (substr(h, 1, 12) || '8' || substr(h, 14, 3)
          || substr('89ab', (('x' || substr(h, 17, 1))::bit(4)::int & 3) + 1, 1) || substr(h, 18))::uuid
  FROM md5(user_id::text || E'\n' || kind || E'\n' || key) AS h
$$;

-- Every write of an event, from this service or from plain SQL, passes here:
--  * Writers of one user take turns from their first write until they commit, so that one user's
--    change_seq values become visible in increasing order and a change-feed reader that has seen
--    change N can never later find a change below N that committed late.
--  * An event with a source row or a dedupe_key gets its id from that key (lineage wins if it has both).
--  * An event written without an offset gets the offset of its user's time zone at occurred_at.
--  * A change of content keeps the previous version in health_event_versions and bumps version;
--    soft delete and restore change only deleted_at; an update that changes nothing is dropped.
CREATE FUNCTION health_events_track_change() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(1214, hashtext(NEW.user_id::text));
  IF NEW.utc_offset_min IS NULL THEN
    SELECT (extract(epoch FROM (NEW.occurred_at AT TIME ZONE u.time_zone) - (NEW.occurred_at AT TIME ZONE 'UTC')) / 60)::smallint
      INTO NEW.utc_offset_min FROM users u WHERE u.id = NEW.user_id;
    IF NOT FOUND THEN
      RAISE EXCEPTION 'user % does not exist', NEW.user_id USING ERRCODE = 'foreign_key_violation';
    END IF;
  END IF;
  IF TG_OP = 'INSERT' THEN
    IF NEW.source_id IS NOT NULL THEN
      NEW.id := event_key_id(NEW.user_id, 'source', NEW.source_table || E'\n' || NEW.source_id);
    ELSIF NEW.dedupe_key IS NOT NULL THEN
      NEW.id := event_key_id(NEW.user_id, 'dedupe', NEW.dedupe_key);
    END IF;
    NEW.version := 1;
  ELSE
    IF NEW.user_id <> OLD.user_id OR NEW.id <> OLD.id THEN
      RAISE EXCEPTION 'an event keeps its user and id' USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    IF NEW.source_table IS DISTINCT FROM OLD.source_table OR NEW.source_id IS DISTINCT FROM OLD.source_id
       OR NEW.dedupe_key IS DISTINCT FROM OLD.dedupe_key THEN
      RAISE EXCEPTION 'an event keeps its keys' USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    -- json has no equality; jsonb compares the documents, not their spelling.
    IF (NEW.type, NEW.subtype, NEW.occurred_at, NEW.ended_at, NEW.utc_offset_min, NEW.data::jsonb, NEW.session_id,
        NEW.importance, NEW.summary, NEW.origin, NEW.record_version)
       IS DISTINCT FROM
       (OLD.type, OLD.subtype, OLD.occurred_at, OLD.ended_at, OLD.utc_offset_min, OLD.data::jsonb, OLD.session_id,
        OLD.importance, OLD.summary, OLD.origin, OLD.record_version) THEN
      INSERT INTO health_event_versions (user_id, event_id, version, occurred_at, recorded_at, ended_at,
          record_version, importance, type, utc_offset_min, subtype, session_id, summary, origin, data)
        VALUES (OLD.user_id, OLD.id, OLD.version, OLD.occurred_at, OLD.recorded_at, OLD.ended_at,
          OLD.record_version, OLD.importance, OLD.type, OLD.utc_offset_min, OLD.subtype, OLD.session_id,
          OLD.summary, OLD.origin, OLD.data);
      NEW.version := OLD.version + 1;
      NEW.recorded_at := now();
    ELSIF NEW.deleted_at IS NOT DISTINCT FROM OLD.deleted_at THEN
      RETURN NULL;
    ELSE
      NEW.version := OLD.version;
    END IF;
  END IF;
  NEW.change_seq := nextval('health_event_change_seq');
  RETURN NEW;
END
$$;

CREATE TRIGGER health_events_track_change BEFORE INSERT OR UPDATE ON health_events
  FOR EACH ROW EXECUTE FUNCTION health_events_track_change();
