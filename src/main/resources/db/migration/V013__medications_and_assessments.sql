-- Medications with schedules, their doses and adherence; questionnaires (PHQ-4, GAD-7) as data.
-- Nothing here depends on health_events: the check-in view that does is R__checkin_daily_checkins_legacy.sql.

-- A medication's schedule: {"times": ["08:00", "20:00"], "days": ["mon", "wed", "fri"]}. Times of day are wall
-- clock in the user's time zone (users.time_zone), 1 to 24 of them; "days" is optional (every day without it)
-- and names ISO weekdays, so that it cannot be read as 0 = Sunday or 0 = Monday. Nothing else is in it.
CREATE FUNCTION medication_schedule_is_valid(schedule jsonb) RETURNS boolean
LANGUAGE plpgsql IMMUTABLE STRICT AS $$
DECLARE
  x jsonb;
BEGIN
  -- Nested IFs, not OR: jsonb_array_length fails on anything but an array.
  IF jsonb_typeof(schedule) <> 'object' OR jsonb_typeof(schedule -> 'times') IS DISTINCT FROM 'array' THEN
    RETURN false;
  END IF;
  IF jsonb_array_length(schedule -> 'times') NOT BETWEEN 1 AND 24 THEN
    RETURN false;
  END IF;
  FOR x IN SELECT jsonb_array_elements(schedule -> 'times') LOOP
    IF jsonb_typeof(x) <> 'string' OR x #>> '{}' !~ '^([01][0-9]|2[0-3]):[0-5][0-9]$' THEN
      RETURN false;
    END IF;
  END LOOP;
  IF schedule ? 'days' THEN
    IF jsonb_typeof(schedule -> 'days') <> 'array' THEN
      RETURN false;
    END IF;
    IF jsonb_array_length(schedule -> 'days') NOT BETWEEN 1 AND 7 THEN
      RETURN false;
    END IF;
    FOR x IN SELECT jsonb_array_elements(schedule -> 'days') LOOP
      IF jsonb_typeof(x) <> 'string' OR x #>> '{}' NOT IN ('mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun') THEN
        RETURN false;
      END IF;
    END LOOP;
  END IF;
  RETURN NOT EXISTS (SELECT 1 FROM jsonb_object_keys(schedule) k WHERE k NOT IN ('times', 'days'));
END
$$;

ALTER TABLE user_medications
  ADD CONSTRAINT schedule_is_well_formed CHECK (medication_schedule_is_valid(schedule)),
  -- Every scheduled dose due before this instant has its row in medication_adherence (taken, late, skipped, or
  -- missed, written by the service when the dose's day has passed or when the medication changes); after it,
  -- doses are predicted from the schedule. So a change of schedule never rewrites what was already due, and a
  -- medication entered today does not count the weeks before as missed.
  ADD COLUMN doses_settled_until timestamptz NOT NULL DEFAULT now();

-- updated_at says when the person last changed the medication, not when doses were last settled.
DROP TRIGGER user_medications_updated_at ON user_medications;
CREATE TRIGGER user_medications_updated_at
  BEFORE UPDATE OF name, dose, unit, as_needed, active, schedule, start_date, end_date ON user_medications
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();

-- The instants at which a schedule's doses are due in [p_from, p_to): on each local day from start_date to
-- end_date (both inclusive, either open), at each time of day, on the listed weekdays. DST: a time that does not
-- exist that day (spring) is due an hour later, as the clock shows it; a time that happens twice (autumn) is due
-- the second time. This is the only place a schedule is turned into instants; the service, the adherence query
-- and the settling of missed doses all use it.
CREATE FUNCTION medication_dose_times(schedule jsonb, start_date date, end_date date, zone text,
    p_from timestamptz, p_to timestamptz)
RETURNS SETOF timestamptz
LANGUAGE sql STABLE AS $$
  SELECT x.due
  FROM generate_series((p_from AT TIME ZONE zone)::date, (p_to AT TIME ZONE zone)::date, interval '1 day') AS d(day)
  CROSS JOIN LATERAL jsonb_array_elements_text(schedule -> 'times') AS t(hhmm)
  CROSS JOIN LATERAL (SELECT (d.day::date + t.hhmm::time) AT TIME ZONE zone) AS x(due)
  WHERE d.day::date BETWEEN coalesce(start_date, '-infinity') AND coalesce(end_date, 'infinity')
    AND (NOT schedule ? 'days'
         OR schedule -> 'days' ? (ARRAY['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'])[extract(isodow FROM d.day)::int])
    AND x.due >= p_from AND x.due < p_to
$$;

-- Adherence reads a user's doses by when they happened (taken, or due): the instant their event has.
CREATE INDEX medication_adherence_user_time ON medication_adherence (user_id, (coalesce(taken_at, scheduled_for)));

-- PHQ-4's anxiety and depression subscales, {"anxiety": {"score": 3, "positive": true}, ...}.
ALTER TABLE assessment_responses ADD COLUMN subscales jsonb CHECK (jsonb_typeof(subscales) = 'object');

-- The instruments, as their authors published them. In a migration, not loaded at start-up, because
-- assessment_responses references its definition: rows that other programs write with plain SQL need the
-- definitions whether or not the service has ever run. A new wording or scoring is a new version in a new
-- migration. (A dollar quote is never followed by a brace: Flyway would read that as a placeholder.) items: the questions in order; scoring.answers: the scale every item is answered on; bands: the
-- severity of a total score (inclusive ranges that cover the whole range); subscales: sums of some items (by
-- number, from 1) that are positive at or above positive_at.
INSERT INTO assessment_definitions (code, version, name, items, scoring) VALUES
(
  'phq4', 1, 'PHQ-4',
  $json$[
    {"number": 1, "text": "Feeling nervous, anxious or on edge"},
    {"number": 2, "text": "Not being able to stop or control worrying"},
    {"number": 3, "text": "Little interest or pleasure in doing things"},
    {"number": 4, "text": "Feeling down, depressed, or hopeless"}
  ]$json$,
  $json$
  {
    "prompt": "Over the last 2 weeks, how often have you been bothered by the following problems?",
    "answers": [
      {"value": 0, "label": "Not at all"},
      {"value": 1, "label": "Several days"},
      {"value": 2, "label": "More than half the days"},
      {"value": 3, "label": "Nearly every day"}
    ],
    "total": {"min": 0, "max": 12},
    "bands": [
      {"min": 0, "max": 2, "severity": "normal"},
      {"min": 3, "max": 5, "severity": "mild"},
      {"min": 6, "max": 8, "severity": "moderate"},
      {"min": 9, "max": 12, "severity": "severe"}
    ],
    "subscales": [
      {"code": "anxiety", "name": "Anxiety (GAD-2)", "items": [1, 2], "positive_at": 3},
      {"code": "depression", "name": "Depression (PHQ-2)", "items": [3, 4], "positive_at": 3}
    ],
    "source": "Kroenke K, Spitzer RL, Williams JBW, Löwe B. An ultra-brief screening scale for anxiety and depression: the PHQ-4. Psychosomatics 2009;50(6):613-621. Bands and subscales as listed by the NIH NINDS Common Data Elements (PHQ-4, CRF F2495): https://www.commondataelements.ninds.nih.gov/ReportViewer.aspx?/nindscdereports/rptNOC&rs:Command=Render&rc:Parameters=false&crfID=F2495",
    "copyright": "No permission is required to reproduce, translate, display or distribute the PHQ and GAD-7 screeners (Pfizer)."
  }$json$
),
(
  'gad7', 1, 'GAD-7',
  $json$[
    {"number": 1, "text": "Feeling nervous, anxious, or on edge"},
    {"number": 2, "text": "Not being able to stop or control worrying"},
    {"number": 3, "text": "Worrying too much about different things"},
    {"number": 4, "text": "Trouble relaxing"},
    {"number": 5, "text": "Being so restless that it is hard to sit still"},
    {"number": 6, "text": "Becoming easily annoyed or irritable"},
    {"number": 7, "text": "Feeling afraid, as if something awful might happen"}
  ]$json$,
  $json$
  {
    "prompt": "Over the last 2 weeks, how often have you been bothered by the following problems?",
    "answers": [
      {"value": 0, "label": "Not at all"},
      {"value": 1, "label": "Several days"},
      {"value": 2, "label": "More than half the days"},
      {"value": 3, "label": "Nearly every day"}
    ],
    "total": {"min": 0, "max": 21},
    "bands": [
      {"min": 0, "max": 4, "severity": "minimal"},
      {"min": 5, "max": 9, "severity": "mild"},
      {"min": 10, "max": 14, "severity": "moderate"},
      {"min": 15, "max": 21, "severity": "severe"}
    ],
    "subscales": [],
    "source": "Spitzer RL, Kroenke K, Williams JBW, Löwe B. A brief measure for assessing generalized anxiety disorder: the GAD-7. Arch Intern Med 2006;166(10):1092-1097. Scores of 5, 10 and 15 are the cut points for mild, moderate and severe anxiety; 10 or more warrants further evaluation. The instrument's closing question on how difficult the problems made daily life is not scored and is not collected here.",
    "copyright": "No permission is required to reproduce, translate, display or distribute the PHQ and GAD-7 screeners (Pfizer)."
  }$json$
);
