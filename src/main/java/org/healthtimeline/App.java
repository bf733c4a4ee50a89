package org.healthtimeline;

import io.javalin.Javalin;
import io.javalin.http.HandlerType;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.healthtimeline.archive.ArchiveRoutes;
import org.healthtimeline.archive.ArchiveService;
import org.healthtimeline.assessment.AssessmentRoutes;
import org.healthtimeline.assessment.AssessmentService;
import org.healthtimeline.assessment.SleepQuizService;
import org.healthtimeline.checkin.CheckinRoutes;
import org.healthtimeline.checkin.CheckinService;
import org.healthtimeline.db.Database;
import org.healthtimeline.demo.DemoPart;
import org.healthtimeline.demo.LogsDemo;
import org.healthtimeline.demo.MealsDemo;
import org.healthtimeline.demo.NightsDemo;
import org.healthtimeline.demo.TrackersDemo;
import org.healthtimeline.demo.WorkoutsDemo;
import org.healthtimeline.exercise.ExerciseRoutes;
import org.healthtimeline.exercise.ExerciseService;
import org.healthtimeline.food.FoodRoutes;
import org.healthtimeline.food.FoodService;
import org.healthtimeline.io.ExportRoutes;
import org.healthtimeline.io.ExportService;
import org.healthtimeline.io.ImportRoutes;
import org.healthtimeline.io.ImportService;
import org.healthtimeline.logs.LogRoutes;
import org.healthtimeline.logs.LogService;
import org.healthtimeline.medication.MedicationRoutes;
import org.healthtimeline.medication.MedicationService;
import org.healthtimeline.reminder.CompletionService;
import org.healthtimeline.reminder.ReminderRoutes;
import org.healthtimeline.reminder.ReminderService;
import org.healthtimeline.reminder.ReminderTasks;
import org.healthtimeline.retention.RetentionService;
import org.healthtimeline.schedule.BackgroundTasks;
import org.healthtimeline.sleep.SleepRoutes;
import org.healthtimeline.sleep.SleepService;
import org.healthtimeline.stream.LiveStream;
import org.healthtimeline.stream.StreamRoutes;
import org.healthtimeline.summary.SummaryRoutes;
import org.healthtimeline.summary.SummaryService;
import org.healthtimeline.sync.Sources;
import org.healthtimeline.sync.SyncService;
import org.healthtimeline.timeline.EventRoutes;
import org.healthtimeline.timeline.EventSchemas;
import org.healthtimeline.timeline.TimelineService;
import org.healthtimeline.tracking.TrackingRoutes;
import org.healthtimeline.tracking.TrackingService;
import org.healthtimeline.user.TokenService;
import org.healthtimeline.user.UserRoutes;
import org.healthtimeline.user.UserService;
import org.healthtimeline.web.Access;
import org.healthtimeline.web.ApiDocs;
import org.healthtimeline.web.Health;
import org.healthtimeline.web.Params;
import org.healthtimeline.web.Problems;
import org.healthtimeline.web.ProtocolErrors;
import org.healthtimeline.web.RequestObserver;

/** Wiring only: database, services, routes. Built without starting, so tests run the real app in-process. */
public final class App implements AutoCloseable {
  /** A route as registered: method and path template. */
  public record Route(String method, String path) {}

  private static final java.util.Set<HandlerType> HTTP_METHODS =
      java.util.Set.of(HandlerType.GET, HandlerType.POST, HandlerType.PUT, HandlerType.PATCH, HandlerType.DELETE);

  private final Javalin javalin;
  private final TokenService tokens;
  private final UserService users;
  private final TimelineService timeline;
  private final FoodService food;
  private final SleepService sleep;
  private final ExerciseService exercise;
  private final TrackingService tracking;
  private final LogService logs;
  private final List<DemoPart> demoParts = new ArrayList<>();
  private final BackgroundTasks background;
  private final ReminderService reminders;
  private final CompletionService completions;
  private final LiveStream stream;
  private final List<Route> routes = Collections.synchronizedList(new ArrayList<>());

  public App(Database db) {
    this(db, Clock.systemUTC());
  }

  /** With the clock that decides what is due and what is past (tests move it across DST changes). */
  public App(Database db, Clock clock) {
    var tx = db.tx();
    var registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmGcMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    db.pool().setMetricRegistry(registry);

    background = new BackgroundTasks(db.dataSource(), clock);
    tokens = new TokenService(tx);
    users = new UserService(tx);
    var schemas = new EventSchemas();
    timeline = new TimelineService(tx, users, schemas);
    var archives = new ArchiveService(tx, users);
    var retention = new RetentionService(tx);
    var imports = new ImportService(tx, users, timeline);
    var exports = new ExportService(users, timeline);
    background.every("retention", RetentionService.EVERY, retention::runAndLog);
    var summaries = new SummaryService(tx, users, clock);
    food = new FoodService(tx, users, clock);
    sleep = new SleepService(tx, users);
    exercise = new ExerciseService(tx, users);
    tracking = new TrackingService(tx, users, clock);
    logs = new LogService(timeline, clock);
    // Each feature's share of the demo users' data (serve --demo, timeline demo).
    demoParts.add(new MealsDemo(food));
    demoParts.add(new NightsDemo(sleep));
    demoParts.add(new WorkoutsDemo(exercise));
    demoParts.add(new TrackersDemo(tracking));
    demoParts.add(new LogsDemo(logs, timeline));
    var sync = new SyncService(tx, Sources.ALL);
    // Rows other programs write straight into the domain tables reach the timeline within about a minute.
    background.every("timeline-sync", Duration.ofMinutes(1), sync::syncAndLog);
    var medications = new MedicationService(tx, users, clock);
    background.every("medication-missed-doses", Duration.ofMinutes(15), medications::settleMissedDoses);
    var assessments = new AssessmentService(tx, users, clock);
    var sleepQuiz = new SleepQuizService(tx, users, clock);
    var checkins = new CheckinService(tx, users, timeline, clock);
    reminders = new ReminderService(tx, users, clock);
    completions = new CompletionService(tx, users, clock);
    users.onTimeZoneChange(reminders::timeZoneChanged);
    ReminderTasks.all(tx, users, clock).forEach(background::register);
    stream = new LiveStream(timeline, completions, db.jdbcUrl());

    javalin = Javalin.create(cfg -> {
      cfg.concurrency.useVirtualThreads = true;
      cfg.startup.showJavalinBanner = false;
      cfg.staticFiles.enableWebjars();
      cfg.requestLogger.http(new RequestObserver(registry));
      cfg.jetty.modifyServer(server -> server.setErrorHandler(new ProtocolErrors()));
      cfg.events.handlerAdded(h -> {
        if (HTTP_METHODS.contains(h.getHttpMethod())) routes.add(new Route(h.getHttpMethod().name(), h.getPath()));
      });
      Problems.register(cfg.routes);
      cfg.routes.before(Params::requireWellFormedEscapes);
      cfg.routes.before("/v1/*", Access.authenticate(tokens));
      new Health(db).register(cfg.routes, registry);
      new ApiDocs(schemas.documents(), List.of("lifecycle", "summary", "io", "reminders", "stream",
          "domain", "food", "sleep", "exercise", "tracking", "logs", "medication", "assessment", "checkin"))
          .register(cfg.routes);
      new UserRoutes(users, tokens).register(cfg.routes);
      new EventRoutes(timeline).register(cfg.routes);
      new ArchiveRoutes(archives, users).register(cfg.routes);
      new SummaryRoutes(summaries).register(cfg.routes);
      new ImportRoutes(imports).register(cfg.routes);
      new ExportRoutes(exports).register(cfg.routes);
      new FoodRoutes(food).register(cfg.routes);
      new SleepRoutes(sleep).register(cfg.routes);
      new ExerciseRoutes(exercise).register(cfg.routes);
      new TrackingRoutes(tracking).register(cfg.routes);
      new LogRoutes(logs).register(cfg.routes);
      new MedicationRoutes(medications).register(cfg.routes);
      new AssessmentRoutes(assessments, sleepQuiz).register(cfg.routes);
      new CheckinRoutes(checkins).register(cfg.routes);
      new ReminderRoutes(reminders, completions).register(cfg.routes);
      new StreamRoutes(stream, users).register(cfg.routes);
    });
  }

  public App start(String host, int port) {
    javalin.start(host, port);
    return this;
  }

  public int port() {
    return javalin.port();
  }

  public TokenService tokens() {
    return tokens;
  }

  public UserService users() {
    return users;
  }

  public TimelineService timeline() {
    return timeline;
  }

  public FoodService food() {
    return food;
  }

  public SleepService sleep() {
    return sleep;
  }

  public ExerciseService exercise() {
    return exercise;
  }

  public TrackingService tracking() {
    return tracking;
  }

  public LogService logs() {
    return logs;
  }

  /** What {@code serve --demo} and {@code timeline demo} load for each demo user, part by part. */
  public List<DemoPart> demoParts() {
    return List.copyOf(demoParts);
  }

  public CompletionService completions() {
    return completions;
  }

  public LiveStream stream() {
    return stream;
  }

  /** The background work features registered; {@code serve} starts it, tests start it where they need it. */
  public BackgroundTasks background() {
    return background;
  }

  public List<Route> routes() {
    return List.copyOf(routes);
  }

  @Override
  public void close() {
    stream.close();
    background.close();
    javalin.stop();
  }
}
