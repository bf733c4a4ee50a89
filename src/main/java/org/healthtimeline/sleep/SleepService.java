package org.healthtimeline.sleep;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.UUID;
import org.healthtimeline.db.Tx;
import org.healthtimeline.sync.SourceEvents;
import org.healthtimeline.sync.SourceImport;
import org.healthtimeline.user.UserRows;
import org.healthtimeline.user.UserService;
import org.healthtimeline.web.PageRequest;

/** Logging and listing nights; the entry and its sleep event (by {@link SleepMapping}) are one transaction. */
public final class SleepService {
  private final Tx tx;
  private final UserService users;
  private final SleepRepository repo = new SleepRepository();

  public SleepService(Tx tx, UserService users) {
    this.tx = tx;
    this.users = users;
  }

  /** Logs a night; {@code origin} marks its event (null for the API's own). */
  public SleepEntry log(UUID userId, JsonNode body, String origin) {
    NewSleep night = NewSleep.parse(body);
    return UserRows.writing(userId, () -> tx.inTransaction(c -> {
      UUID id = repo.insert(c, userId, night);
      SourceEvents.write(c, SleepMapping.SLEEP_ENTRIES, userId, id, origin);
      return repo.find(c, userId, id).orElseThrow();
    }));
  }

  /** Imports nights under the ids given: one transaction, and importing them again adds nothing. */
  public int importNights(UUID userId, List<SourceImport.Row> rows, String origin) {
    List<NewSleep> nights = rows.stream().map(r -> NewSleep.parse(r.body())).toList();
    List<UUID> ids = SourceImport.ids(rows);
    return SourceImport.run(tx, SleepMapping.SLEEP_ENTRIES, userId, ids, origin, c -> repo.insertAll(c, userId, ids, nights));
  }

  public PageRequest.Page<SleepEntry> list(UUID userId, PageRequest page) {
    List<SleepEntry> rows = tx.read(c -> repo.list(c, userId, page));
    if (rows.isEmpty() && !users.exists(userId)) throw UserRows.userNotFound(userId);
    return page.page(rows, e -> e.bedtime() != null ? e.bedtime() : e.loggedAt(), SleepEntry::id);
  }
}
