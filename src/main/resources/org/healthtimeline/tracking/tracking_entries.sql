-- The tracker event of each tracking_entries row, with its category's id and current name (the subtype too, so
-- that type=tracker&subtype=Water filters by category). Renaming a category brings its entries' events up to date
-- through this same mapping.
SELECT s.user_id, s.id::text AS source_id, 'tracker'::event_type AS type, c.name AS subtype,
  s.occurred_at, NULL::timestamptz AS ended_at,
  json_strip_nulls(json_build_object('category_id', c.id, 'category_name', c.name, 'data', s.data, 'notes', s.notes)) AS data,
  CASE
    WHEN length(c.name) > 100 THEN 'category_name: must be at most 100 characters'
    WHEN length(s.notes) > 10000 THEN 'notes: must be at most 10000 characters'
  END AS problem
FROM tracking_entries s
JOIN tracking_categories c ON c.user_id = s.user_id AND c.id = s.category_id
