package org.healthtimeline.assessment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.healthtimeline.errors.FieldError;
import org.healthtimeline.web.Json;

/**
 * A questionnaire as assessment_definitions holds it: {@code items} in order, and in {@code scoring} the answer
 * scale every item is answered on, the bands of the total score, and subscales (sums of some items, by number).
 * Scoring follows the data, so a new instrument needs a row, not code.
 */
public record Instrument(String code, int version, String name, JsonNode items, JsonNode scoring) {

  /** A response's score: the total, the band it falls in, and each subscale's sum and whether it is positive. */
  record Scored(BigDecimal score, String severity, ObjectNode subscales) {}

  int itemCount() {
    return items.size();
  }

  List<Integer> answerValues() {
    var values = new ArrayList<Integer>();
    scoring.get("answers").forEach(a -> values.add(a.get("value").asInt()));
    return values;
  }

  /** What is wrong with {@code answers} (a JSON array, one answer per item), each problem naming its field. */
  List<FieldError> problems(JsonNode answers) {
    if (answers == null || answers.isNull()) return List.of(new FieldError("answers", "is required: one answer per item, in order"));
    if (!answers.isArray()) return List.of(new FieldError("answers", "must be an array of " + itemCount() + " answers, one per item"));
    if (answers.size() != itemCount()) {
      return List.of(new FieldError("answers", "must hold " + itemCount() + " answers, one per item of " + name + ", not " + answers.size()));
    }
    List<Integer> allowed = answerValues();
    var out = new ArrayList<FieldError>();
    for (int i = 0; i < answers.size(); i++) {
      JsonNode a = answers.get(i);
      if (!a.isIntegralNumber() || !a.canConvertToInt() || !allowed.contains(a.intValue())) {
        out.add(new FieldError("answers[" + i + "]", "must be one of " + allowed + " (" + scale() + ")"));
      }
    }
    return out;
  }

  private String scale() {
    var parts = new ArrayList<String>();
    scoring.get("answers").forEach(a -> parts.add(a.get("value").asInt() + " " + a.get("label").asText()));
    return String.join(", ", parts);
  }

  /** Scores valid answers: their sum, the band of the sum, and the subscales. */
  Scored score(List<Integer> answers) {
    int total = answers.stream().mapToInt(Integer::intValue).sum();
    String severity = null;
    for (JsonNode band : scoring.get("bands")) {
      if (total >= band.get("min").asInt() && total <= band.get("max").asInt()) severity = band.get("severity").asText();
    }
    ObjectNode subscales = Json.MAPPER.createObjectNode();
    for (JsonNode sub : scoring.path("subscales")) {
      int sum = 0;
      for (JsonNode number : sub.get("items")) sum += answers.get(number.asInt() - 1);
      subscales.putObject(sub.get("code").asText()).put("score", sum).put("positive", sum >= sub.get("positive_at").asInt());
    }
    if (severity == null) throw new IllegalStateException(code + ": no band holds the score " + total);
    return new Scored(BigDecimal.valueOf(total), severity, subscales);
  }
}
