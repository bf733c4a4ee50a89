-- One DST rule for everything scheduled in a user's zone (reminders' Schedule.at, README "The DST rule"): a local
-- time the clocks skip is due as late as the gap is long (PostgreSQL's AT TIME ZONE does that already), and one
-- the clocks pass twice is due once, at its FIRST occurrence. AT TIME ZONE takes the second, so the instant an hour
-- earlier is taken when it shows the same local time (fall-back changes of an hour; a half-hour change, as on
-- Lord Howe Island, keeps the second occurrence).
CREATE OR REPLACE FUNCTION medication_dose_times(schedule jsonb, start_date date, end_date date, zone text,
    p_from timestamptz, p_to timestamptz)
RETURNS SETOF timestamptz
LANGUAGE sql STABLE AS $$
  SELECT x.due
  FROM generate_series((p_from AT TIME ZONE zone)::date, (p_to AT TIME ZONE zone)::date, interval '1 day') AS d(day)
  CROSS JOIN LATERAL jsonb_array_elements_text(schedule -> 'times') AS t(hhmm)
  CROSS JOIN LATERAL (SELECT d.day::date + t.hhmm::time, (d.day::date + t.hhmm::time) AT TIME ZONE zone) AS l(local, later)
  CROSS JOIN LATERAL (SELECT CASE WHEN (l.later - interval '1 hour') AT TIME ZONE zone = l.local
                                  THEN l.later - interval '1 hour' ELSE l.later END) AS x(due)
  WHERE d.day::date BETWEEN coalesce(start_date, '-infinity') AND coalesce(end_date, 'infinity')
    AND (NOT schedule ? 'days'
         OR schedule -> 'days' ? (ARRAY['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'])[extract(isodow FROM d.day)::int])
    AND x.due >= p_from AND x.due < p_to
$$;
