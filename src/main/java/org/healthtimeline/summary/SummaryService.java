package org.healthtimeline.summary;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.healthtimeline.db.Tx;
import org.healthtimeline.errors.InvalidInput;
import org.healthtimeline.user.UserService;

/**
 * Aggregates and daily summaries in the user's calendar. Days come from each event's own UTC offset (kept by the
 * rollups), so a move to another time zone re-buckets nothing that happened before it; the user's current zone
 * only decides which day "today" is.
 */
public final class SummaryService {
  private static final Pattern UUID_TEXT = Pattern.compile("[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}");

  private final Tx tx;
  private final UserService users;
  private final Clock clock;
  private final SummaryRepository repo = new SummaryRepository();

  /** {@code clock} decides which day "today" is, in the user's zone. */
  public SummaryService(Tx tx, UserService users, Clock clock) {
    this.tx = tx;
    this.users = users;
    this.clock = clock;
  }

  Aggregates aggregates(UUID userId, AggregateQuery q) {
    ZoneId zone = users.timeZone(userId);
    Spans spans = new Spans(q.bucket(), q.from(), q.to());
    List<MetricValue> values = tx.read(c -> q.metric() == Metric.TRACKER ? trackerValues(c, userId, q, spans) : values(c, userId, q, spans));
    var items = new ArrayList<Aggregates.Item>(spans.size());
    for (int i = 0; i < spans.size(); i++) items.add(new Aggregates.Item(spans.first(i), spans.last(i), values.get(i)));
    Aggregates.Tracker tracker = q.tracker() == null ? null
        : new Aggregates.Tracker(q.tracker().category(), q.tracker().field(), q.tracker().stat().wire());
    return new Aggregates(q.metric().wire(), q.bucket().wire(), q.from(), q.to(), zone.getId(), q.metric().unit, tracker, items);
  }

  /** The day {@code date}, or today in the user's time zone when it is null. */
  DailySummary daily(UUID userId, LocalDate date) {
    ZoneId zone = users.timeZone(userId);
    LocalDate day = date != null ? date : LocalDate.ofInstant(clock.instant(), zone);
    return tx.read(c -> {
      DayFigures figures = DayFigures.NONE;
      for (var d : repo.days(c, userId, day, day)) figures = d.figures();
      var symptoms = new HashMap<String, SymptomFigures>();
      for (var s : repo.symptoms(c, userId, day, day)) symptoms.put(s.symptom(), s.figures());
      var medications = new HashMap<String, DoseFigures>();
      for (var m : repo.medications(c, userId, day, day)) medications.put(m.medication(), m.doses());
      var metrics = new LinkedHashMap<String, MetricValue>();
      for (Metric m : Metric.values()) {
        if (m != Metric.TRACKER) metrics.put(m.wire(), m.of(figures, symptoms, medications));
      }
      return new DailySummary(day, zone.getId(), metrics, trackerDays(repo.trackersOn(c, userId, day)));
    });
  }

  private List<MetricValue> values(Connection c, UUID user, AggregateQuery q, Spans spans) throws SQLException {
    var figures = new DayFigures[spans.size()];
    Arrays.fill(figures, DayFigures.NONE);
    for (var d : repo.days(c, user, q.from(), q.to())) {
      int i = spans.indexOf(d.day());
      figures[i] = figures[i].plus(d.figures());
    }
    var symptoms = new ArrayList<Map<String, SymptomFigures>>(spans.size());
    var medications = new ArrayList<Map<String, DoseFigures>>(spans.size());
    for (int i = 0; i < spans.size(); i++) {
      symptoms.add(new HashMap<>());
      medications.add(new HashMap<>());
    }
    if (q.metric().readsSymptoms()) {
      for (var s : repo.symptoms(c, user, q.from(), q.to())) {
        symptoms.get(spans.indexOf(s.day())).merge(s.symptom(), s.figures(), SymptomFigures::plus);
      }
    }
    if (q.metric().readsMedications()) {
      for (var m : repo.medications(c, user, q.from(), q.to())) {
        medications.get(spans.indexOf(m.day())).merge(m.medication(), m.doses(), DoseFigures::plus);
      }
    }
    var out = new ArrayList<MetricValue>(spans.size());
    for (int i = 0; i < spans.size(); i++) out.add(q.metric().of(figures[i], symptoms.get(i), medications.get(i)));
    return out;
  }

  private List<MetricValue> trackerValues(Connection c, UUID user, AggregateQuery q, Spans spans) throws SQLException {
    AggregateQuery.TrackerField t = q.tracker();
    String category = categoryKey(t.category());
    if (!repo.hasCategory(c, user, category)) {
      throw new InvalidInput("category", "no tracker event of this user has category_id or category_name '" + t.category() + "'");
    }
    if (!repo.hasField(c, user, category, t.field())) {
      List<String> known = repo.fields(c, user, category);
      throw new InvalidInput("field", "'" + t.field() + "' is not a numeric field of tracker category '" + t.category()
          + "'" + (known.isEmpty() ? "" : "; its numeric fields: " + String.join(", ", known)));
    }
    var figures = new TrackerFigures[spans.size()];
    for (var d : repo.tracker(c, user, category, t.field(), q.from(), q.to())) {
      int i = spans.indexOf(d.day());
      figures[i] = figures[i] == null ? d.figures() : figures[i].plus(d.figures());
    }
    var out = new ArrayList<MetricValue>(spans.size());
    for (TrackerFigures f : figures) out.add(f == null ? MetricValue.of(null, 0) : MetricValue.of(f.stat(t.stat()), f.n()));
    return out;
  }

  /** The rollup keeps category ids lower-cased; names as they were written. */
  private static String categoryKey(String category) {
    return UUID_TEXT.matcher(category).matches() ? category.toLowerCase(Locale.ROOT) : category;
  }

  /**
   * An event counts under its category_id and again under its category_name. The two rows of one field that
   * hold the same events (the same latest event) are shown as one, naming the category both ways.
   */
  private static List<DailySummary.TrackerDay> trackerDays(List<SummaryRepository.TrackerDay> rows) {
    var byId = new ArrayList<SummaryRepository.TrackerDay>();
    var byName = new LinkedHashMap<String, SummaryRepository.TrackerDay>();
    for (var r : rows) {
      if (UUID_TEXT.matcher(r.category()).matches()) byId.add(r);
      else byName.put(r.field() + '\n' + r.figures().lastEvent() + '\n' + r.figures().n(), r);
    }
    var out = new ArrayList<DailySummary.TrackerDay>();
    for (var r : byId) {
      var named = byName.remove(r.field() + '\n' + r.figures().lastEvent() + '\n' + r.figures().n());
      out.add(DailySummary.TrackerDay.of(r.category(), named == null ? null : named.category(), r.field(), r.figures()));
    }
    for (var r : byName.values()) out.add(DailySummary.TrackerDay.of(null, r.category(), r.field(), r.figures()));
    return out;
  }

  /** The buckets of a range: each a calendar day, ISO week or month, cut to the range at both ends. */
  private static final class Spans {
    private final Bucket bucket;
    private final LocalDate from;
    private final LocalDate to;
    private final List<LocalDate> starts = new ArrayList<>();
    private final Map<LocalDate, Integer> index = new HashMap<>();

    Spans(Bucket bucket, LocalDate from, LocalDate to) {
      this.bucket = bucket;
      this.from = from;
      this.to = to;
      for (LocalDate start = bucket.start(from); !start.isAfter(to); start = bucket.end(start).plusDays(1)) {
        index.put(start, starts.size());
        starts.add(start);
      }
    }

    int size() {
      return starts.size();
    }

    int indexOf(LocalDate day) {
      return index.get(bucket.start(day));
    }

    LocalDate first(int i) {
      LocalDate start = starts.get(i);
      return start.isBefore(from) ? from : start;
    }

    LocalDate last(int i) {
      LocalDate end = bucket.end(starts.get(i));
      return end.isAfter(to) ? to : end;
    }
  }
}
