package org.healthtimeline.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.healthtimeline.errors.InvalidInput;
import org.healthtimeline.timeline.NewEvent;
import org.healthtimeline.timeline.TimelineService;
import org.healthtimeline.timeline.TimelineService.ItemResult;

/**
 * One import in progress: each record a reader hands on is validated exactly as the events API does
 * ({@link TimelineService#parse}), given a dedupe_key derived from the record when it has no key of its own,
 * and written in batches; the counts become the {@link ImportSummary}. In strict mode the first bad record ends
 * the import by throwing {@link ImportRefused}, and the caller rolls the one transaction back.
 *
 * <p>A batch is written on a thread of its own while the reader goes on with the next one (two cores: one parses
 * and validates, the database writes), so at most two batches are held: the one being read and the one being
 * written. Its results are counted on the reader's thread when the next batch is handed over, or at {@link #finish}.
 * Whatever ends the run, {@link #close} waits for the batch being written, so that the caller never rolls back or
 * returns while a write is still using the connection.
 */
final class ImportRun implements RecordSink, AutoCloseable {
  static final int LISTED_PROBLEMS = 100;
  static final int BATCH = 10_000;

  /** Writes one batch of events and answers one result per event. */
  interface BatchWrite {
    List<ItemResult> write(List<NewEvent> events);
  }

  /** Told after each batch how far the import is. */
  interface Progress {
    void advanced(long records);

    Progress NONE = records -> { };
  }

  private record Pending(Position at, NewEvent event, boolean sameKeySameMeasurement) {}

  private final TimelineService timeline;
  private final ZoneId zone;
  private final ImportFormat format;
  private final boolean strict;
  private final BatchWrite writer;
  private final Progress progress;
  private final ExecutorService writing = Executors.newSingleThreadExecutor(Thread.ofVirtual().name("import-writer").factory());
  private List<Pending> batch = new ArrayList<>(BATCH);
  private List<Pending> inFlight = List.of();
  private Future<List<ItemResult>> written;
  private final Map<String, Long> skipped = new TreeMap<>();
  private final List<ImportSummary.Problem> problems = new ArrayList<>();
  private final long started = System.nanoTime();
  private long read;
  private long imported;
  private long corrected;
  private long duplicates;
  private long bad;

  /** {@code zone} is the user's: it gives events without an offset of their own the one the API would give them. */
  ImportRun(TimelineService timeline, ZoneId zone, ImportFormat format, boolean strict, BatchWrite writer, Progress progress) {
    this.timeline = timeline;
    this.zone = zone;
    this.format = format;
    this.strict = strict;
    this.writer = writer;
    this.progress = progress;
  }

  @Override
  public void event(Position at, ObjectNode body, boolean sameKeySameMeasurement) {
    read++;
    Short offset;
    NewEvent e;
    try {
      offset = offset(body);
      e = timeline.parse(body);
    } catch (InvalidInput invalid) {
      String message = invalid.errors().size() == 1 ? invalid.errors().getFirst().message()
          : invalid.errors().stream().map(f -> f.field() + ": " + f.message()).collect(Collectors.joining("; "));
      fail(at, invalid.field(), message);
      return;
    }
    batch.add(new Pending(at, keyed(e, offset), sameKeySameMeasurement));
    if (batch.size() >= BATCH) flush();
  }

  @Override
  public void bad(Position at, String field, String message) {
    read++;
    fail(at, field, message);
  }

  @Override
  public void skipped(String reason) {
    read++;
    skipped.merge(reason, 1L, Long::sum);
  }

  /** {@code utc_offset_minutes}, which our NDJSON export writes, is no field of a create body: taken out here. */
  private static Short offset(ObjectNode body) {
    JsonNode v = body.remove("utc_offset_minutes");
    if (v == null || v.isNull()) return null;
    if (!v.canConvertToInt() || !v.isIntegralNumber() || Math.abs(v.intValue()) > 1080) {
      throw new InvalidInput("utc_offset_minutes", "must be an integer between -1080 and 1080");
    }
    return body.hasNonNull("time_zone") ? null : (short) v.intValue();
  }

  /**
   * A record without a key of its own (dedupe_key, source row or id) gets one derived from what it says, so that
   * importing the same file again adds nothing.
   */
  private NewEvent keyed(NewEvent e, Short offset) {
    String key = e.dedupeKey();
    if (key == null && e.sourceId() == null && e.id() == null) key = format.wire() + ":" + digest(e);
    // The trigger would look the user's zone up for each row without an offset; here it costs nothing.
    Short local = offset != null ? offset : e.utcOffsetMin() != null ? e.utcOffsetMin()
        : (short) (zone.getRules().getOffset(e.occurredAt()).getTotalSeconds() / 60);
    return new NewEvent(e.id(), e.type(), e.subtype(), e.occurredAt(), e.endedAt(), local,
        e.data(), e.sessionId(), e.importance(), e.summary(), e.origin(), e.sourceTable(), e.sourceId(), e.recordVersion(), key);
  }

  private static String digest(NewEvent e) {
    String content = String.join("\n", e.type().wire(), String.valueOf(e.subtype()), e.occurredAt().toString(),
        String.valueOf(e.endedAt()), String.valueOf(e.origin()), e.data());
    try {
      byte[] h = MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(h, 0, 16);
    } catch (NoSuchAlgorithmException x) {
      throw new IllegalStateException(x);
    }
  }

  private void fail(Position at, String field, String message) {
    var problem = new ImportSummary.Problem(at.line(), at.element(), field, message);
    if (strict) throw new ImportRefused(problem + "; nothing was imported (strict)");
    bad++;
    if (problems.size() < LISTED_PROBLEMS) problems.add(problem);
  }

  /** Hands what is pending to the writer, once the batch before it is written and counted. */
  private void flush() {
    if (batch.isEmpty()) return;
    awaitWritten();
    List<NewEvent> events = batch.stream().map(Pending::event).toList();
    inFlight = batch;
    batch = new ArrayList<>(BATCH);
    written = writing.submit(() -> writer.write(events));
  }

  /** Writes what is pending and waits until every batch is written and counted. */
  void finish() {
    flush();
    awaitWritten();
  }

  /** Waits for the batch being written, if any, and counts its results; its failure is thrown here. */
  void awaitWritten() {
    if (written == null) return;
    List<ItemResult> results;
    try {
      results = written.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) throw r;
      if (e.getCause() instanceof Error r) throw r;
      throw new IllegalStateException(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while a batch was written", e);
    } finally {
      written = null;
    }
    count(inFlight, results);
    inFlight = List.of();
    progress.advanced(read);
  }

  /** Waits for the batch being written without counting it (the run is ending on a failure), and stops the writer. */
  @Override
  public void close() {
    try {
      if (written != null) written.get();
    } catch (ExecutionException e) {
      // the failure that ends the run is the one to report
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      written = null;
      writing.shutdown();
    }
  }

  private void count(List<Pending> batch, List<ItemResult> results) {
    for (ItemResult r : results) {
      Pending p = batch.get(r.index());
      if (r.write() != null) {
        switch (r.write().outcome()) {
          case CREATED -> imported++;
          case CORRECTED -> corrected++;
          case REPLAYED -> duplicates++;
        }
      } else if (p.sameKeySameMeasurement()) {
        duplicates++;
      } else {
        fail(p.at(), r.field(), r.problem());
      }
    }
  }

  /** What earlier batches committed, for the message of an import that stopped at a bad file. */
  String sofar() {
    return String.format("%,d events were imported before it (%,d duplicates)", imported + corrected, duplicates);
  }

  ImportSummary summary() {
    return new ImportSummary(format.wire(), strict, read, imported, corrected, duplicates,
        skipped.values().stream().mapToLong(Long::longValue).sum(), java.util.Collections.unmodifiableMap(new TreeMap<>(skipped)), bad, List.copyOf(problems),
        (System.nanoTime() - started) / 1e9);
  }
}
