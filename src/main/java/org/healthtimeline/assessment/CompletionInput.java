package org.healthtimeline.assessment;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.healthtimeline.errors.FieldError;
import org.healthtimeline.errors.InvalidInput;
import org.healthtimeline.web.Fields;

/**
 * The parts every questionnaire answer has: the answers, when it was completed ({@code atField}; now if not
 * given, never in the future), and optionally the client's own id for it, which makes sending it again a replay.
 */
record CompletionInput(UUID id, Instant at, JsonNode answers) {
  private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

  /** Reads the body; {@code answerProblems} checks the answers against the questionnaire. */
  static CompletionInput read(JsonNode body, String atField, Clock clock, Function<JsonNode, List<FieldError>> answerProblems) {
    if (!body.isObject()) throw new InvalidInput("body", "must be a JSON object");
    var f = new Fields(body);
    f.onlyKnown(Set.of("id", atField, "answers"));
    UUID id = f.uuid("id");
    Instant at = f.instant(atField);
    Instant now = clock.instant();
    if (at != null && at.isAfter(now.plus(CLOCK_SKEW))) f.fail(atField, "must not be in the future");
    JsonNode answers = body.get("answers");
    if (answers != null && !answers.isNull()) {
      var problem = Fields.jsonbProblem(answers, "answers");
      if (problem != null) f.addAll(List.of(problem));
    }
    if (f.errors().isEmpty()) f.addAll(answerProblems.apply(answers));
    f.check();
    return new CompletionInput(id, (at == null ? now : at).truncatedTo(ChronoUnit.MICROS), answers);
  }
}
