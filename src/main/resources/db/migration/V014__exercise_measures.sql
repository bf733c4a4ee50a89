-- What a workout measured besides its duration: the exercise event's schema names these (distance_km, calories,
-- avg_heart_rate), wearables and the demo record them, and a workout's source row should hold all of its event.
ALTER TABLE exercise_entries
  ADD COLUMN distance_km    numeric(8, 3) CHECK (distance_km >= 0),
  ADD COLUMN calories       numeric(8, 1) CHECK (calories >= 0),
  ADD COLUMN avg_heart_rate numeric(5, 1) CHECK (avg_heart_rate > 0);
