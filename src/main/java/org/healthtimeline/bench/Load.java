package org.healthtimeline.bench;

import java.util.ArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/** Runs an operation many times from a number of client threads and records each call's latency. */
final class Load {
  /** One call; {@code i} numbers the calls 0.. so that each can pick its own input. */
  @FunctionalInterface
  interface Op {
    void run(int i) throws Exception;
  }

  /** What a run measured: latencies in microseconds, and its wall-clock time. */
  record Result(long operations, double seconds, Histogram micros) {
    double p50Ms() {
      return micros.getValueAtPercentile(50) / 1000.0;
    }

    double p99Ms() {
      return micros.getValueAtPercentile(99) / 1000.0;
    }

    double perSecond() {
      return operations / seconds;
    }

    /** Two runs of the same operation as one. */
    Result plus(Result other) {
      Histogram both = micros.copy();
      both.add(other.micros);
      return new Result(operations + other.operations, seconds + other.seconds, both);
    }
  }

  private Load() {}

  /** Calls {@code op} with 0..operations-1 measured, after operations..operations+warmup-1 unmeasured. */
  static Result run(int clients, int warmup, int operations, Op op) throws Exception {
    drive(clients, warmup, i -> op.run(operations + i), new Recorder(3));
    var recorder = new Recorder(3);
    long start = System.nanoTime();
    drive(clients, operations, op, recorder);
    double seconds = (System.nanoTime() - start) / 1e9;
    return new Result(operations, seconds, recorder.getIntervalHistogram());
  }

  private static void drive(int clients, int operations, Op op, Recorder recorder) throws Exception {
    var next = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    try {
      var futures = new ArrayList<Future<?>>(clients);
      for (int t = 0; t < clients; t++) {
        futures.add(pool.submit(() -> {
          for (int i = next.getAndIncrement(); i < operations; i = next.getAndIncrement()) {
            long t0 = System.nanoTime();
            op.run(i);
            recorder.recordValue(Math.max(1, (System.nanoTime() - t0) / 1000));
          }
          return null;
        }));
      }
      for (var f : futures) f.get();
    } finally {
      pool.shutdown();
      pool.awaitTermination(1, TimeUnit.MINUTES);
    }
  }
}
