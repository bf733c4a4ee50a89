package org.healthtimeline.assessment;

import org.healthtimeline.sync.SourceMapping;

/**
 * How a completed questionnaire (a row of assessment_responses) becomes its assessment event, subtype the
 * instrument's code (seed 002: phq4, gad7). Completing one through the API writes the event with this SQL too.
 */
public final class ResponseEvents {
  private ResponseEvents() {}

  public static final SourceMapping MAPPING = new SourceMapping("assessment_responses", """
      assessment_responses s
      JOIN assessment_definitions d ON d.code = s.assessment_code""", """
      s.user_id, s.id::text AS source_id, 'assessment'::event_type AS type, s.assessment_code AS subtype,
      s.completed_at AS occurred_at, NULL::timestamptz AS ended_at,
      json_strip_nulls(json_build_object(
        'instrument', s.assessment_code, 'name', d.name, 'assessment_id', s.id, 'score', s.score,
        'severity', s.severity, 'answers', s.answers, 'subscales', s.subscales)) AS data,
      CASE
        WHEN jsonb_typeof(s.answers) NOT IN ('array', 'object') THEN 'answers: must be a JSON array or object'
        WHEN s.score NOT BETWEEN 0 AND 1000 THEN 'score: must be between 0 and 1000'
        WHEN length(s.severity) > 100 THEN 'severity: must be at most 100 characters'
      END AS problem""");
}
