-- Retention (seed 003: "Photos: 30 days (then archived to cold storage)"). The service keeps only a photo's path,
-- never the file; `timeline retention` marks a meal's photo archived 30 days after the meal, and the operator's
-- storage job moves the files whose rows say so. A path stays: it names the photo in cold storage.
ALTER TABLE food_entries ADD COLUMN photo_archived_at timestamptz;
