-- The sleep event of each sleep_entries row: an interval from bedtime to wake time. The instants make the
-- event's occurred_at and ended_at (a DST night has its real length); data keeps the local clock times as the
-- person reported them (seed 000's "23:00"), in the user's time zone. A row without a bedtime (seed 000 logged
-- only when the quiz was answered) is an event at logged_at.
SELECT s.user_id, s.id::text AS source_id, 'sleep'::event_type AS type, NULL::text AS subtype,
  coalesce(s.bedtime, s.logged_at) AS occurred_at,
  CASE WHEN s.bedtime IS NOT NULL THEN s.wake_time END AS ended_at,
  json_strip_nulls(json_build_object(
    'bedtime', to_char(s.bedtime AT TIME ZONE u.time_zone, 'HH24:MI'),
    'wake_time', to_char(s.wake_time AT TIME ZONE u.time_zone, 'HH24:MI'),
    'sleep_latency_minutes', s.sleep_latency_minutes, 'total_sleep_hours', s.total_sleep_hours,
    'night_wakings', s.night_wakings, 'sleep_quality_rating', s.sleep_quality_rating,
    'disruptions', s.disruptions, 'phone_usage', s.phone_usage, 'phone_duration_minutes', s.phone_duration_minutes,
    'alertness_rating', s.alertness_rating)) AS data,
  CASE
    WHEN s.sleep_latency_minutes > 1440 THEN 'sleep_latency_minutes: must be at most 1440'
    WHEN s.night_wakings > 100 THEN 'night_wakings: must be at most 100'
    WHEN s.phone_duration_minutes > 1440 THEN 'phone_duration_minutes: must be at most 1440'
    WHEN jsonb_array_length(s.disruptions) > 50 THEN 'disruptions: must hold at most 50'
    WHEN jsonb_path_exists(s.disruptions, '$[*] ? (@.type() != "string")') THEN 'disruptions: must hold strings'
    WHEN EXISTS (SELECT 1 FROM jsonb_array_elements_text(s.disruptions) d WHERE length(d) > 200)
      THEN 'disruptions: each must be at most 200 characters'
  END AS problem
FROM sleep_entries s
JOIN users u ON u.id = s.user_id
