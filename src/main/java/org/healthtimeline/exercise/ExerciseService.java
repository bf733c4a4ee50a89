package org.healthtimeline.exercise;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.UUID;
import org.healthtimeline.db.Tx;
import org.healthtimeline.sync.SourceEvents;
import org.healthtimeline.sync.SourceImport;
import org.healthtimeline.user.UserRows;
import org.healthtimeline.user.UserService;
import org.healthtimeline.web.PageRequest;

/** Logging and listing workouts; the entry and its exercise event (by {@link ExerciseMapping}) are one transaction. */
public final class ExerciseService {
  private final Tx tx;
  private final UserService users;
  private final ExerciseRepository repo = new ExerciseRepository();

  public ExerciseService(Tx tx, UserService users) {
    this.tx = tx;
    this.users = users;
  }

  /** Logs a workout; {@code origin} marks its event (null for the API's own). */
  public Workout log(UUID userId, JsonNode body, String origin) {
    NewWorkout w = NewWorkout.parse(body);
    return UserRows.writing(userId, () -> tx.inTransaction(c -> {
      UUID id = repo.insert(c, userId, w);
      SourceEvents.write(c, ExerciseMapping.EXERCISE_ENTRIES, userId, id, origin);
      return repo.find(c, userId, id).orElseThrow();
    }));
  }

  /** Imports workouts under the ids given: one transaction, and importing them again adds nothing. */
  public int importWorkouts(UUID userId, List<SourceImport.Row> rows, String origin) {
    List<NewWorkout> workouts = rows.stream().map(r -> NewWorkout.parse(r.body())).toList();
    List<UUID> ids = SourceImport.ids(rows);
    return SourceImport.run(tx, ExerciseMapping.EXERCISE_ENTRIES, userId, ids, origin, c -> repo.insertAll(c, userId, ids, workouts));
  }

  public PageRequest.Page<Workout> list(UUID userId, String activity, PageRequest page) {
    List<Workout> rows = tx.read(c -> repo.list(c, userId, activity, page));
    if (rows.isEmpty() && !users.exists(userId)) throw UserRows.userNotFound(userId);
    return page.page(rows, Workout::occurredAt, Workout::id);
  }
}
