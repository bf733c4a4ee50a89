package org.healthtimeline.assessment;

import java.util.LinkedHashMap;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.healthtimeline.db.DbException;
import org.healthtimeline.db.Tx;
import org.healthtimeline.errors.Conflict;
import org.healthtimeline.errors.NotFound;
import org.healthtimeline.sync.SourceEvents;
import org.healthtimeline.timeline.WriteResult.Outcome;
import org.healthtimeline.user.UserService;

/**
 * PHQ-4, GAD-7 and whatever else assessment_definitions holds: completing one validates every answer, scores it
 * by its definition, and stores the response with its assessment event in one transaction.
 */
public final class AssessmentService {
  private final Tx tx;
  private final UserService users;
  private final Clock clock;
  private final AssessmentRepository repo = new AssessmentRepository();
  /** The definitions come from a migration and do not change while the service runs. */
  private volatile Map<String, Instrument> instruments;

  public AssessmentService(Tx tx, UserService users, Clock clock) {
    this.tx = tx;
    this.users = users;
    this.clock = clock;
  }

  /** A stored response, and whether it was new or a replay of one stored before. */
  public record Completed(Outcome outcome, AssessmentResponse response) {}

  public List<Instrument> definitions() {
    return List.copyOf(instruments().values());
  }

  private Map<String, Instrument> instruments() {
    if (instruments == null) {
      instruments = tx.read(repo::definitions).stream()
          .collect(Collectors.toMap(Instrument::code, Function.identity(), (a, b) -> a, LinkedHashMap::new));
    }
    return instruments;
  }

  private Instrument instrument(String code) {
    Instrument i = instruments().get(code);
    if (i == null) throw new NotFound("code", "there is no questionnaire " + code + "; the known ones are " + instruments().keySet());
    return i;
  }

  public Completed complete(UUID userId, String code, JsonNode body) {
    Instrument instrument = instrument(code);
    CompletionInput in = CompletionInput.read(body, "completed_at", clock, instrument::problems);
    var answers = new ArrayList<Integer>();
    in.answers().forEach(a -> answers.add(a.intValue()));
    Instrument.Scored scored = instrument.score(answers);
    try {
      return tx.inTransaction(c -> {
        var inserted = repo.insert(c, userId, in.id(), code, in.at(), answers, scored);
        if (inserted.isEmpty()) {
          AssessmentResponse stored = repo.find(c, userId, in.id()).orElseThrow(
              () -> new Conflict("id", "a response with this id was stored at the same time; send it again"));
          boolean same = stored.code().equals(code) && stored.answers().equals(in.answers())
              && (!body.hasNonNull("completed_at") || Objects.equals(stored.completedAt(), in.at()));
          if (!same) throw new Conflict("id", "this id already names a different response");
          return new Completed(Outcome.REPLAYED, stored);
        }
        SourceEvents.write(c, ResponseEvents.MAPPING, userId, inserted.get().id(), null);
        return new Completed(Outcome.CREATED, inserted.get());
      });
    } catch (DbException e) {
      if ("23503".equals(e.sqlState())) throw new NotFound("userId", "user " + userId + " does not exist");
      throw e;
    }
  }

  /** A user's responses to one questionnaire completed in [from, to), newest first. */
  public List<AssessmentResponse> responses(UUID userId, String code, Instant from, Instant to, int limit) {
    instrument(code);
    List<AssessmentResponse> found = tx.read(c -> repo.list(c, userId, code, from, to, limit));
    if (found.isEmpty() && !users.exists(userId)) throw new NotFound("userId", "user " + userId + " does not exist");
    return found;
  }
}
