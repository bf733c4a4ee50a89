-- One user's doses over the last N local days (today included, up to now), per medication: recorded doses by
-- status (a dose counts on the day it happened: when taken, else when due, as its event does), and scheduled
-- doses that came due without a record since doses_settled_until: missed on a past day, pending today.
-- Doses taken without a schedule are counted apart ('unscheduled'), not in the rate.
-- Parameters: days, user, now.
WITH w AS (
  SELECT u.id AS user_id, u.time_zone AS zone, p.now,
         (date_trunc('day', p.now AT TIME ZONE u.time_zone) - (p.days - 1) * interval '1 day') AT TIME ZONE u.time_zone AS w_from,
         date_trunc('day', p.now AT TIME ZONE u.time_zone) AT TIME ZONE u.time_zone AS today,
         (date_trunc('day', p.now AT TIME ZONE u.time_zone) + interval '1 day') AT TIME ZONE u.time_zone AS w_to
  FROM (SELECT ?::int AS days, ?::uuid AS user_id, ?::timestamptz AS now) p
  JOIN users u ON u.id = p.user_id
),
doses AS (
  SELECT a.medication_id, CASE WHEN a.scheduled_for IS NULL THEN 'unscheduled' ELSE a.status END AS status
  FROM w JOIN medication_adherence a ON a.user_id = w.user_id
   AND coalesce(a.taken_at, a.scheduled_for) >= w.w_from AND coalesce(a.taken_at, a.scheduled_for) < w.w_to
  UNION ALL
  SELECT m.id, CASE WHEN t.due < w.today THEN 'missed' ELSE 'pending' END
  FROM w JOIN user_medications m ON m.user_id = w.user_id AND m.active AND NOT m.as_needed
  CROSS JOIN LATERAL medication_dose_times(m.schedule, m.start_date, m.end_date, w.zone,
                                           greatest(m.doses_settled_until, w.w_from), w.now) AS t(due)
  WHERE NOT EXISTS (SELECT 1 FROM medication_adherence a
                    WHERE a.user_id = m.user_id AND a.medication_id = m.id AND a.scheduled_for = t.due)
)
SELECT m.id, m.name, m.active, m.as_needed,
       count(*) FILTER (WHERE d.status = 'taken'),
       count(*) FILTER (WHERE d.status = 'late'),
       count(*) FILTER (WHERE d.status = 'skipped'),
       count(*) FILTER (WHERE d.status = 'missed'),
       count(*) FILTER (WHERE d.status = 'pending'),
       count(*) FILTER (WHERE d.status = 'unscheduled')
FROM doses d JOIN w ON true
JOIN user_medications m ON m.user_id = w.user_id AND m.id = d.medication_id
GROUP BY m.id, m.name, m.active, m.as_needed
ORDER BY m.name, m.id
