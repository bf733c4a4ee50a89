-- The exercise event of each exercise_entries row: an interval when its end is known.
SELECT s.user_id, s.id::text AS source_id, 'exercise'::event_type AS type, s.activity_type AS subtype,
  s.occurred_at, s.ended_at,
  json_strip_nulls(json_build_object('activity_type', s.activity_type, 'duration_minutes', s.duration_minutes,
    'intensity', s.intensity, 'distance_km', s.distance_km, 'calories', s.calories, 'avg_heart_rate', s.avg_heart_rate,
    'notes', s.notes)) AS data,
  CASE
    WHEN length(s.activity_type) NOT BETWEEN 1 AND 100 THEN 'activity_type: must be 1 to 100 characters'
    WHEN s.duration_minutes > 1440 THEN 'duration_minutes: must be at most 1440'
    WHEN s.intensity NOT IN ('low', 'moderate', 'high', 'very_high')
      THEN 'intensity: must be one of low, moderate, high, very_high'
    WHEN s.distance_km > 1000 THEN 'distance_km: must be at most 1000'
    WHEN s.calories > 20000 THEN 'calories: must be at most 20000'
    WHEN s.avg_heart_rate NOT BETWEEN 20 AND 260 THEN 'avg_heart_rate: must be from 20 to 260'
    WHEN length(s.notes) > 10000 THEN 'notes: must be at most 10000 characters'
  END AS problem
FROM exercise_entries s
