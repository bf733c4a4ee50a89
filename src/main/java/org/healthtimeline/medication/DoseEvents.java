package org.healthtimeline.medication;

import org.healthtimeline.sync.SourceMapping;

/**
 * How a dose (a row of medication_adherence) becomes its medication event. Recording a dose writes the event with
 * this SQL too, so the API, {@code timeline sync} and {@code timeline backfill} always agree on it.
 *
 * <p>The event happens when the dose was taken, or else when it was due; its subtype says whether it was a
 * scheduled dose or one taken as needed. Times in {@code data} are UTC to the second, and {@code time} is the
 * local time of day of the event (seed 002), in the user's zone.
 */
public final class DoseEvents {
  private DoseEvents() {}

  public static final SourceMapping MAPPING = new SourceMapping("medication_adherence", """
      medication_adherence s
      JOIN user_medications m ON m.user_id = s.user_id AND m.id = s.medication_id
      JOIN users u ON u.id = s.user_id""", """
      s.user_id, s.id::text AS source_id, 'medication'::event_type AS type,
      CASE WHEN s.scheduled_for IS NULL THEN 'as_needed' ELSE 'scheduled' END AS subtype,
      coalesce(s.taken_at, s.scheduled_for) AS occurred_at, NULL::timestamptz AS ended_at,
      json_strip_nulls(json_build_object(
        'medication_id', s.medication_id, 'name', m.name, 'status', s.status, 'dose', m.dose, 'unit', m.unit,
        'time', to_char(coalesce(s.taken_at, s.scheduled_for) AT TIME ZONE u.time_zone, 'HH24:MI'),
        'scheduled_for', to_char(s.scheduled_for AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
        'taken_at', to_char(s.taken_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
        'side_effects', s.side_effects, 'notes', s.notes)) AS data,
      CASE
        WHEN length(m.name) NOT BETWEEN 1 AND 200 THEN 'name: must be 1 to 200 characters'
        WHEN length(m.unit) > 50 THEN 'unit: must be at most 50 characters'
        WHEN jsonb_array_length(s.side_effects) > 50 THEN 'side_effects: must hold at most 50 items'
        WHEN EXISTS (SELECT 1 FROM jsonb_array_elements(s.side_effects) x
                     WHERE jsonb_typeof(x) <> 'string' OR length(x #>> '{}') > 200)
          THEN 'side_effects: each must be a text of at most 200 characters'
        WHEN length(s.notes) > 10000 THEN 'notes: must be at most 10000 characters'
      END AS problem""");
}
