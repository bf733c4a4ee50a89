package org.healthtimeline.bench;

import java.io.PrintStream;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.healthtimeline.App;
import org.healthtimeline.cli.DatabaseOptions;
import org.healthtimeline.db.Database;

/** One bench run: set up timeline_bench, load it, start the API over it, measure each case. */
final class Bench {
  record Settings(long events, int queries, int creates, int batches, boolean reuse, Set<String> only) {}

  /** Every case of a run, in order; a feature with a performance target adds its own here. */
  static final List<BenchCase> CASES = List.of(new TimelineCases.Queries(), new TimelineCases.Creates(),
      new BackfillCase(),
      new SummaryCases.Aggregates(), new SummaryCases.WriteCost(), new ImportCase(), new CareCases(),
      new DomainCases.MealCreate(), new DomainCases.Writes());
  /** Names --only accepts: the cases' and the storage figures'. */
  static List<String> caseNames() {
    var names = new ArrayList<String>();
    CASES.forEach(c -> names.add(c.name()));
    names.add("storage");
    return names;
  }

  static final String DATABASE = "timeline_bench";

  private final DatabaseOptions options;
  private final Settings settings;
  private final PrintStream log;
  private final Report report = new Report();

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
          var run = new BenchCase.Run(server, bench, app, "http://127.0.0.1:" + app.port(), http, loaded, settings, report, log);
          for (BenchCase c : CASES) {
            if (settings.only().isEmpty() || settings.only().contains(c.name())) c.run(run);
          }
        }
        if (settings.only().isEmpty() || settings.only().contains("storage")) storage(bench, loaded);
      }
    }
    return report;
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
