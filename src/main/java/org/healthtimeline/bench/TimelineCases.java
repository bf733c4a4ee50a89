package org.healthtimeline.bench;

import java.io.PrintStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.atomic.LongAdder;
import org.healthtimeline.db.Database;
import org.healthtimeline.timeline.EventQuery;
import org.healthtimeline.timeline.EventRepository;
import org.healthtimeline.timeline.NewEvent;

/** The timeline's own cases: the 30-day query, single and batch creates, each over HTTP and over raw JDBC. */
final class TimelineCases {
  private static final int PAGE = 200;
  private static final int BATCH = 1000;

  private TimelineCases() {}

  static final class Queries implements BenchCase {
    private final EventRepository repo = new EventRepository();

    @Override
    public String name() {
      return "timeline.query";
    }

    @Override
    public void run(Run run) throws Exception {
      Database bench = run.bench();
      String base = run.base();
      Http http = run.http();
      BenchLoader.Loaded loaded = run.loaded();
      Report report = run.report();
      PrintStream log = run.log();
      Bench.Settings settings = run.settings();
      Instant to = loaded.end();
      Instant from = to.minus(30, ChronoUnit.DAYS);
      List<UUID> users = sample(loaded.users(), settings.queries() + 300, 1);
      log.println("warming the cache: every user's last 30 days once");
      for (UUID u : loaded.users()) bench.tx().read(c -> repo.list(c, EventQuery.range(u, from, to, PAGE)));
      var rows = new LongAdder();
      String query = "/events?from=" + from + "&to=" + to + "&limit=" + PAGE;
      log.println("30-day query: " + settings.queries() + " calls over HTTP, then the same over JDBC");
      Load.Result api = Load.run(1, 300, settings.queries(), i -> {
        Http.Answer r = http.get(base + "/v1/users/" + users.get(i) + query);
        if (r.status() != 200) throw new IllegalStateException("30-day query answered " + r.status());
      });
      Load.Result jdbc = Load.run(1, 300, settings.queries(), i -> rows.add(
          bench.tx().read(c -> repo.list(c, EventQuery.range(users.get(i), from, to, PAGE))).items().size()));
      report.setup("30-day page", "limit " + PAGE + ", mean " + rows.sum() / (settings.queries() + 300) + " events returned");
      report.add("query.30d.jdbc", "query", jdbc, null, null);
      report.add("query.30d.api", "query", api, "query.30d.jdbc", "p99 <= 5 ms at 10M; API/JDBC <= 1.5");
      Load.Result api16 = Load.run(16, 300, settings.queries(), i -> http.get(base + "/v1/users/" + users.get(i) + query));
      Load.Result jdbc16 = Load.run(16, 300, settings.queries(), i ->
          bench.tx().read(c -> repo.list(c, EventQuery.range(users.get(i), from, to, PAGE))));
      report.add("query.30d.jdbc.c16", "query", jdbc16, null, null);
      report.add("query.30d.api.c16", "query", api16, "query.30d.jdbc.c16", null);
    }
  }

  static final class Creates implements BenchCase {
    private final EventRepository repo = new EventRepository();

    @Override
    public String name() {
      return "timeline.create";
    }

    @Override
    public void run(Run run) throws Exception {
      Database bench = run.bench();
      String base = run.base();
      Http http = run.http();
      BenchLoader.Loaded loaded = run.loaded();
      Report report = run.report();
      PrintStream log = run.log();
      Bench.Settings settings = run.settings();
      var fresh = new FreshEvents(loaded, 7);
      log.println("single creates: 1 client, then 32 clients, each beside the same insert over JDBC");
      for (int clients : new int[] {1, 32}) {
        List<NewEvent> viaJdbc = fresh.take(settings.creates() + 300);
        List<NewEvent> viaApi = fresh.take(settings.creates() + 300);
        Load.Result jdbc = Load.run(clients, 300, settings.creates(), i -> {
          NewEvent e = viaJdbc.get(i);
          UUID owner = fresh.owner(e);
          bench.tx().inTransaction(c -> repo.insertNew(c, owner, List.of(e.forUser(owner)), true));
        });
        Load.Result api = Load.run(clients, 300, settings.creates(), i -> {
          NewEvent e = viaApi.get(i);
          Http.Answer r = http.post(base + "/v1/users/" + fresh.owner(e) + "/events", RequestJson.event(e));
          if (r.status() != 201) throw new IllegalStateException("create answered " + r.status() + " " + r.text());
        });
        report.add("create.single.jdbc.c" + clients, "event", jdbc, null, null);
        report.add("create.single.api.c" + clients, "event", api, "create.single.jdbc.c" + clients,
            clients == 1 ? "p99 <= 5 ms" : ">= 5,000/s");
      }
      log.println("batch creates: " + settings.batches() + " batches of " + BATCH + " events, API then JDBC");
      List<List<NewEvent>> apiBatches = fresh.batches(settings.batches() + 3, BATCH);
      List<List<NewEvent>> jdbcBatches = fresh.batches(settings.batches() + 3, BATCH);
      Load.Result api = Load.run(1, 3, settings.batches(), i -> {
        List<NewEvent> batch = apiBatches.get(i);
        Http.Answer r = http.post(base + "/v1/users/" + fresh.owner(batch.getFirst()) + "/events/batch", RequestJson.batch(batch));
        if (r.status() != 200) throw new IllegalStateException("batch answered " + r.status());
      });
      Load.Result jdbc = Load.run(1, 3, settings.batches(), i -> {
        List<NewEvent> batch = jdbcBatches.get(i);
        UUID owner = fresh.owner(batch.getFirst());
        List<NewEvent> bound = batch.stream().map(e -> e.forUser(owner)).toList();
        bench.tx().inTransaction(c -> repo.insertNew(c, owner, bound, false));
      });
      report.add("create.batch1000.jdbc", "batch:" + BATCH, jdbc, null, null);
      report.add("create.batch1000.api", "batch:" + BATCH, api, "create.batch1000.jdbc", ">= 50,000 events/s");
    }
  }

  static List<UUID> sample(List<UUID> users, int n, long seed) {
    var random = new SplittableRandom(seed);
    var out = new ArrayList<UUID>(n);
    for (int i = 0; i < n; i++) out.add(users.get(random.nextInt(users.size())));
    return out;
  }
}
