package org.healthtimeline.assessment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.healthtimeline.errors.FieldError;
import org.healthtimeline.web.Json;

/**
 * The bot's onboarding sleep quiz (seed 003), as data in sleep-quiz.json beside this class: its questions, each
 * option's points and advice, and the bands of the score. Answers name an option by its {@code value}.
 */
final class SleepQuiz {
  private final JsonNode definition;

  private SleepQuiz(JsonNode definition) {
    this.definition = definition;
  }

  static SleepQuiz load() {
    try (InputStream in = SleepQuiz.class.getResourceAsStream("sleep-quiz.json")) {
      if (in == null) throw new IllegalStateException("sleep-quiz.json is missing from the jar");
      return new SleepQuiz(Json.MAPPER.readTree(in));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  JsonNode definition() {
    return definition;
  }

  /** What is wrong with {@code answers}, an object with the chosen option's value for every question. */
  List<FieldError> problems(JsonNode answers) {
    if (answers == null || answers.isNull()) return List.of(new FieldError("answers", "is required: {question id: option value}"));
    if (!answers.isObject()) return List.of(new FieldError("answers", "must be an object with the chosen option of every question"));
    var out = new ArrayList<FieldError>();
    for (Iterator<String> it = answers.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (question(name) == null) out.add(new FieldError("answers." + name, "is not a question of the sleep quiz"));
    }
    for (JsonNode q : definition.get("questions")) {
      String id = q.get("id").asText();
      JsonNode answer = answers.get(id);
      if (answer == null || answer.isNull()) {
        out.add(new FieldError("answers." + id, "is required"));
      } else if (!answer.isTextual() || option(q, answer.textValue()) == null) {
        var values = new ArrayList<String>();
        q.get("options").forEach(o -> values.add(o.get("value").asText()));
        out.add(new FieldError("answers." + id, "must be one of " + String.join(", ", values)));
      }
    }
    return out;
  }

  /** 100 x the points of the answers / the most points possible, rounded. */
  int score(JsonNode answers) {
    int points = 0;
    int max = 0;
    for (JsonNode q : definition.get("questions")) {
      points += option(q, answers.get(q.get("id").asText()).textValue()).get("points").asInt();
      int best = 0;
      for (JsonNode o : q.get("options")) best = Math.max(best, o.get("points").asInt());
      max += best;
    }
    return Math.round(100f * points / max);
  }

  String band(int score) {
    for (JsonNode b : definition.get("bands")) {
      if (score >= b.get("min").asInt() && score <= b.get("max").asInt()) return b.get("band").asText();
    }
    return null;
  }

  /** The advice of every chosen option that has one, in the order of the questions. */
  ArrayNode recommendations(JsonNode answers) {
    ArrayNode out = Json.MAPPER.createArrayNode();
    for (JsonNode q : definition.get("questions")) {
      JsonNode advice = option(q, answers.get(q.get("id").asText()).textValue()).get("advice");
      if (advice != null) out.addObject().put("question", q.get("id").asText()).put("advice", advice.asText());
    }
    return out;
  }

  private JsonNode question(String id) {
    for (JsonNode q : definition.get("questions")) if (q.get("id").asText().equals(id)) return q;
    return null;
  }

  private static JsonNode option(JsonNode question, String value) {
    for (JsonNode o : question.get("options")) if (o.get("value").asText().equals(value)) return o;
    return null;
  }
}
