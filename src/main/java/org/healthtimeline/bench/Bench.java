package org.healthtimeline.bench;

import java.io.PrintStream;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.atomic.LongAdder;
import org.healthtimeline.App;
import org.healthtimeline.cli.DatabaseOptions;
import org.healthtimeline.db.Database;
import org.healthtimeline.timeline.EventQuery;
import org.healthtimeline.timeline.EventRepository;
import org.healthtimeline.timeline.NewEvent;

/** One bench run: set up timeline_bench, load it, start the API over it, measure each case. */
final class Bench {
  record Settings(long events, int queries, int creates, int batches, boolean reuse) {}

  static final String DATABASE = "timeline_bench";
  private static final int PAGE = 200;
  private static final int BATCH = 1000;

  private final DatabaseOptions options;
  private final Settings settings;
  private final PrintStream log;
  private final Report report = new Report();
  private final EventRepository repo = new EventRepository();

  Bench(DatabaseOptions options, Settings settings, PrintStream log) {
    this.options = options;
    this.settings = settings;
    this.log = log;
  }

  Report run() throws Exception {
    try (Database server = Database.open(options.config())) {
      String url = benchUrl(server.jdbcUrl());
      boolean fresh = prepareDatabase(server.jdbcUrl());
      try (Database bench = Database.connect(url, 40)) {
        bench.migrate();
        BenchLoader loader = new BenchLoader(bench, log);
        BenchLoader.Loaded loaded = fresh ? loader.load(settings.events()) : loader.existing();
        report.setup("events loaded", String.format("%,d", loaded.events()));
        report.setup("users", String.format("%,d", loaded.users().size()));
        report.setup("load", loaded.describe());
        report.setup("server", server.describe());
        report.setup("cpus", Runtime.getRuntime().availableProcessors());
        try (App app = new App(bench).start("127.0.0.1", 0)) {
          var http = new Http(app.tokens().createServiceToken("bench"));
          String base = "http://127.0.0.1:" + app.port();
          queries(bench, base, http, loaded);
          creates(bench, base, http, loaded);
        }
        storage(bench, loaded);
      }
    }
    return report;
  }

  private void queries(Database bench, String base, Http http, BenchLoader.Loaded loaded) throws Exception {
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

  private void creates(Database bench, String base, Http http, BenchLoader.Loaded loaded) throws Exception {
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

  private void storage(Database bench, BenchLoader.Loaded loaded) {
    bench.tx().read(c -> {
      try (var st = c.createStatement();
          var rs = st.executeQuery("""
              SELECT count(*), pg_table_size('health_events'), pg_indexes_size('health_events')
              FROM health_events""")) {
        rs.next();
        long n = rs.getLong(1);
        long table = rs.getLong(2);
        long indexes = rs.getLong(3);
        double perEvent = (double) (table + indexes) / n;
        report.storage("events stored", String.format("%,d", n));
        report.storage("table bytes/event", String.format("%.0f (heap + TOAST)", (double) table / n));
        report.storage("index bytes/event", String.format("%.0f", (double) indexes / n));
        report.storage("raw JSON bytes/event", String.format("%.0f (the create request body)", loaded.meanJsonBytes()));
        report.storage("stored / raw JSON", String.format("%.2fx (target <= 1.5x)", perEvent / loaded.meanJsonBytes()));
      }
      return null;
    });
  }

  private static List<UUID> sample(List<UUID> users, int n, long seed) {
    var random = new SplittableRandom(seed);
    var out = new ArrayList<UUID>(n);
    for (int i = 0; i < n; i++) out.add(users.get(random.nextInt(users.size())));
    return out;
  }

  /** The bench's own database on the same server, dropped and made again unless --reuse finds it loaded. */
  private boolean prepareDatabase(String serverUrl) throws SQLException {
    String admin = serverUrl.replaceFirst("/[^/?]+(\\?|$)", "/postgres$1");
    try (var c = DriverManager.getConnection(admin); var st = c.createStatement()) {
      if (settings.reuse()) {
        try (var rs = st.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
          if (rs.next() && BenchLoader.hasEvents(benchUrl(serverUrl), settings.events())) return false;
        }
      }
      st.execute("DROP DATABASE IF EXISTS " + DATABASE + " WITH (FORCE)");
      st.execute("CREATE DATABASE " + DATABASE);
      return true;
    }
  }

  static String benchUrl(String serverUrl) {
    return serverUrl.replaceFirst("/[^/?]+(\\?|$)", "/" + DATABASE + "$1");
  }
}
