package org.healthtimeline.io;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.ZoneId;
import java.util.Optional;
import java.util.UUID;
import org.healthtimeline.db.DbException;
import org.healthtimeline.db.TransientErrors;
import org.healthtimeline.db.Tx;
import org.healthtimeline.errors.InvalidInput;
import org.healthtimeline.errors.NotFound;
import org.healthtimeline.timeline.TimelineService;
import org.healthtimeline.user.UserService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Imports a file into a user's timeline, streaming: the reader holds one record, the writer one batch.
 *
 * <p>Without strict, each batch is its own transaction (retried after a transient failure, {@link TransientErrors}): what a
 * killed or failed import committed stays, and running it again adds only the rest, since every event is keyed.
 * A file that turns out bad part-way keeps the batches committed before the fault (the refusal says how many)
 * and drops the one in hand, so a file shorter than a batch is refused with nothing written.
 * With strict, the whole import is one transaction, rolled back at the first bad record.
 */
public final class ImportService {
  private static final Logger LOG = LoggerFactory.getLogger(ImportService.class);
  private static final int SNIFF_BYTES = 64 * 1024;

  private final Tx tx;
  private final UserService users;
  private final TimelineService timeline;
  private final TransientErrors transientErrors = TransientErrors.withPauses();

  public ImportService(Tx tx, UserService users, TimelineService timeline) {
    this.tx = tx;
    this.users = users;
    this.timeline = timeline;
  }

  public ImportSummary run(UUID user, InputStream in, ImportFormat format, boolean strict) {
    return run(user, in, format, strict, ImportRun.Progress.NONE);
  }

  /** Refuses an unknown user before the body is read. */
  public void requireUser(UUID user) {
    if (!users.exists(user)) throw new NotFound("userId", "user " + user + " does not exist");
  }

  ImportSummary run(UUID user, InputStream in, ImportFormat format, boolean strict, ImportRun.Progress progress) {
    ZoneId zone = users.get(user).timeZone();
    FormatReader reader = reader(format);
    return strict ? strict(user, zone, in, format, reader, progress) : batched(user, zone, in, format, reader, progress);
  }

  private ImportSummary batched(UUID user, ZoneId zone, InputStream in, ImportFormat format, FormatReader reader, ImportRun.Progress progress) {
    try (var run = new ImportRun(timeline, zone, format, false,
        events -> transientErrors.run(ImportService::retrying, () -> tx.inTransaction(c -> timeline.writeParsed(c, user, events))),
        progress)) {
      try {
        reader.read(in, run);
      } catch (BadFile e) {
        // The batch in hand is dropped: a file shorter than one batch is refused with nothing written. The one
        // being written is committed (or fails) first, so that the message counts it.
        run.awaitWritten();
        throw new ImportRefused(e.getMessage() + "; " + run.sofar());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      run.finish();
      return run.summary();
    }
  }

  /**
   * One transaction for the whole file. Tx would run the work again after a serialization failure, but the
   * stream is read by then: a database failure inside becomes a refusal that says nothing was written.
   */
  private ImportSummary strict(UUID user, ZoneId zone, InputStream in, ImportFormat format, FormatReader reader, ImportRun.Progress progress) {
    return tx.inTransaction(c -> {
      // The writer's thread uses the transaction's connection; the run's close waits for it before the rollback.
      try (var run = new ImportRun(timeline, zone, format, true, events -> {
        try {
          return timeline.writeParsed(c, user, events);
        } catch (java.sql.SQLException e) {
          throw new DbException(e);
        }
      }, progress)) {
        reader.read(in, run);
        run.finish();
        return run.summary();
      } catch (BadFile e) {
        throw new ImportRefused(e.getMessage() + "; nothing was imported (strict)");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (DbException e) {
        if (!TransientErrors.isTransient(e)) throw e;
        // Not a DbException of its own SQLSTATE, so that Tx does not run this work (and its read stream) again.
        throw new DbException("the database failed during a strict import; nothing was imported, run it again: " + e.getMessage(), e);
      }
    });
  }

  private static void retrying(DbException failure, int retry, long pauseMillis) {
    LOG.warn("an import batch failed ({}); retry {} of {} in {} ms", failure.getMessage(), retry, TransientErrors.RETRIES, pauseMillis);
  }

  private static FormatReader reader(ImportFormat format) {
    return switch (format) {
      case NDJSON -> new NdjsonReader();
      case CSV -> new CsvReader();
      case FHIR -> new FhirReader();
      case APPLE_HEALTH -> new AppleHealthReader();
    };
  }

  /**
   * The format of an input: the one given, else the one its Content-Type or file name names, else the one its
   * first bytes show. {@code in} must support mark/reset.
   */
  public static ImportFormat detect(BufferedInputStream in, ImportFormat given, String contentType, String fileName) {
    if (given != null) return given;
    Optional<ImportFormat> named = ImportFormat.ofMediaType(contentType);
    if (named.isEmpty() && fileName != null) named = ImportFormat.ofFileName(fileName);
    if (named.isPresent()) return named.get();
    try {
      in.mark(SNIFF_BYTES);
      byte[] head = in.readNBytes(SNIFF_BYTES);
      in.reset();
      if (head.length == 0) throw new InvalidInput("body", "is empty: send the file to import as the body");
      return ImportFormat.sniff(head, head.length).orElseThrow(() -> new InvalidInput("format",
          "cannot tell the format of the file from its content; name it: one of " + ImportFormat.names()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
