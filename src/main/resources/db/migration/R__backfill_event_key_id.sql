-- event_key_id (V002) as one expression that PostgreSQL inlines into the statement calling it, instead of a SQL
-- function with a FROM clause, which it runs through the function executor on every call (~12 us a call here).
-- Backfill calls it once per source row to find the row's event and the insert trigger once per event: measured
-- with `timeline bench --only backfill`, this took the check "has this row an event?" from 39 to 24 us a row.
-- It computes the same ids (EventKeysTest holds it against EventKeys in Java). Repeatable, so that an undo of V002,
-- which drops the function, and the migrate after it bring this version back.
CREATE OR REPLACE FUNCTION event_key_id(user_id uuid, kind text, key text) RETURNS uuid
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT (substr(md5(user_id::text || E'\n' || kind || E'\n' || key), 1, 12) || '8'
          || substr(md5(user_id::text || E'\n' || kind || E'\n' || key), 14, 3)
          || substr('89ab', (('x' || substr(md5(user_id::text || E'\n' || kind || E'\n' || key), 17, 1))::bit(4)::int & 3) + 1, 1)
          || substr(md5(user_id::text || E'\n' || kind || E'\n' || key), 18))::uuid
$$;
