-- The meal event of each food_entries row (SourceMapping: the one definition, used by the food service's own
-- writes, timeline sync and backfill). data holds the entry as the meal schema names it; nulls are left out.
-- A row without a meal_type (the seed's column is nullable) becomes a meal of type 'other' rather than no event.
-- problem repeats the meal schema's rules for what the table's own checks let through, naming the field.
SELECT s.user_id, s.id::text AS source_id, 'meal'::event_type AS type, coalesce(s.meal_type, 'other') AS subtype,
  s.occurred_at, NULL::timestamptz AS ended_at,
  json_strip_nulls(json_build_object('meal_type', coalesce(s.meal_type, 'other'), 'total_calories', s.total_calories,
    'total_macros', s.total_macros, 'foods', s.foods, 'photo_path', s.photo_path, 'notes', s.notes)) AS data,
  CASE
    WHEN s.total_calories > 20000 THEN 'total_calories: must be at most 20000'
    WHEN jsonb_path_exists(s.total_macros, '$.keyvalue() ? (@.key == "protein" || @.key == "carbs" || @.key == "fat")
                                            ? (@.value.type() != "number" || @.value < 0 || @.value > 5000)')
      THEN 'total_macros: protein, carbs and fat must be numbers from 0 to 5000'
    WHEN jsonb_array_length(s.foods) > 200 THEN 'foods: must hold at most 200 foods'
    WHEN length(s.photo_path) > 1000 THEN 'photo_path: must be at most 1000 characters'
    WHEN length(s.notes) > 10000 THEN 'notes: must be at most 10000 characters'
    ELSE bad_food.problem
  END AS problem
FROM food_entries s
LEFT JOIN LATERAL (
  SELECT 'foods[' || (f.i - 1) || ']' || p.problem AS problem
  FROM jsonb_array_elements(s.foods) WITH ORDINALITY AS f(v, i)
  CROSS JOIN LATERAL (SELECT CASE
      WHEN jsonb_typeof(f.v) <> 'object' THEN ': must be an object'
      WHEN jsonb_typeof(f.v -> 'name') IS DISTINCT FROM 'string' OR length(f.v ->> 'name') NOT BETWEEN 1 AND 300
        THEN '.name: must be a string of 1 to 300 characters'
      WHEN jsonb_path_exists(f.v, '$.quantity ? (@.type() != "string" && @.type() != "number")')
        THEN '.quantity: must be a string or a number'
      WHEN jsonb_path_exists(f.v, '$.calories ? (@.type() != "number" || @ < 0 || @ > 20000)')
        THEN '.calories: must be a number from 0 to 20000'
      WHEN jsonb_typeof(f.v -> 'macros') <> 'object' THEN '.macros: must be an object'
      WHEN jsonb_path_exists(f.v -> 'macros', '$.keyvalue() ? (@.key == "protein" || @.key == "carbs" || @.key == "fat")
                                                ? (@.value.type() != "number" || @.value < 0 || @.value > 5000)')
        THEN '.macros: protein, carbs and fat must be numbers from 0 to 5000'
    END AS problem) p
  WHERE p.problem IS NOT NULL
  ORDER BY f.i
  LIMIT 1
) bad_food ON true
