package org.healthtimeline.assessment;

import org.healthtimeline.sync.SourceMapping;

/**
 * How a submitted sleep quiz (a row of sleep_quiz_submissions) becomes its assessment event, instrument and
 * subtype {@code sleep_quiz}. Submitting one through the API writes the event with this SQL too.
 */
public final class SleepQuizEvents {
  private SleepQuizEvents() {}

  public static final SourceMapping MAPPING = new SourceMapping("sleep_quiz_submissions", "sleep_quiz_submissions s", """
      s.user_id, s.id::text AS source_id, 'assessment'::event_type AS type, 'sleep_quiz' AS subtype,
      s.submitted_at AS occurred_at, NULL::timestamptz AS ended_at,
      json_strip_nulls(json_build_object(
        'instrument', 'sleep_quiz', 'assessment_id', s.id, 'score', s.sleep_score, 'answers', s.responses,
        'recommendations', s.recommendations)) AS data,
      CASE
        WHEN jsonb_typeof(s.responses) NOT IN ('array', 'object') THEN 'responses: must be a JSON object or array'
        WHEN s.sleep_score NOT BETWEEN 0 AND 1000 THEN 'sleep_score: must be between 0 and 1000'
      END AS problem""");
}
