package io.github.cloudeventshandler.benchmarks;

import com.sun.management.ThreadMXBean;
import io.github.cloudeventshandler.aws.LambdaHandler;
import io.github.cloudeventshandler.core.AppResponse;
import io.github.cloudeventshandler.core.Application;
import io.github.cloudeventshandler.core.Configuration;
import io.github.cloudeventshandler.core.spi.JsonLimits;
import io.github.cloudeventshandler.servlet.ServletApplication;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Batch scale in one command: a large SQS batch (default 10,000 records of 500-byte bodies, ≈ 9.4
 * MB, the payload cap raised) through {@link LambdaHandler} into {@link TrivialServlet} on the real
 * bridge, in this JVM. Per measured round it prints the wall time and records/s, the CPU time and
 * the bytes allocated by the calling thread per record (requests run on the caller's thread, so
 * this is the whole dispatch; load does not distort it), the heap in use after a forced collection
 * before the call, the peak occupancy during the call (sum of the heap pools' peak usage: garbage
 * included, an upper bound) and the heap in use after a forced collection once the call returned. A
 * last, untimed call runs while another thread forces a full collection every {@code --live-ms}
 * milliseconds (20): the most heap in use after one of those, less the heap before the call, is the
 * live heap growth (what issue 11's "heap growth ≤ 64 MB" is measured as).
 *
 * <pre>{@code
 * java -Xmx1g -XX:+UseSerialGC -cp benchmarks/target/benchmarks.jar \
 *     io.github.cloudeventshandler.benchmarks.BatchScale [--records N] [--body BYTES] \
 *     [--warmup N] [--rounds N] [--live-ms N] [--alone] [--write FILE]
 * }</pre>
 *
 * <p>{@code --alone}: the same handler whose application answers at once (what core and the AWS
 * module cost, without Jetty). {@code --write FILE}: only write the event to a file and exit.
 */
public final class BatchScale {
  private BatchScale() {}

  /**
   * Runs the rounds and prints one line per round and a summary.
   *
   * @param args the options above
   */
  public static void main(String[] args) throws Exception {
    int records = 10_000;
    int body = 500;
    int warmup = 3;
    int rounds = 5;
    boolean alone = false;
    String write = null;
    int liveMillis = 20;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--records" -> records = Integer.parseInt(args[++i]);
        case "--body" -> body = Integer.parseInt(args[++i]);
        case "--warmup" -> warmup = Integer.parseInt(args[++i]);
        case "--rounds" -> rounds = Integer.parseInt(args[++i]);
        case "--alone" -> alone = true;
        case "--write" -> write = args[++i];
        case "--live-ms" -> liveMillis = Integer.parseInt(args[++i]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    byte[] event = HarnessEvents.sqsBatch(records, body);
    if (write != null) {
      Files.write(Path.of(write), event);
      return;
    }
    Configuration configuration =
        Configuration.builder()
            .limits(new JsonLimits(Math.max(event.length, 1 << 20), JsonLimits.DEFAULT.maxDepth()))
            .build();
    ServletApplication servlet =
        alone ? null : ServletApplication.start(TrivialServlet.class, configuration);
    Application application = alone ? request -> OK : servlet;
    try (LambdaHandler handler = new LambdaHandler(configuration, application)) {
      System.out.printf(
          Locale.ROOT,
          "batch: %,d records, %d-byte bodies, %,d bytes, %s, max heap %d MB, load %s%n",
          records,
          body,
          event.length,
          alone ? "application answering at once" : "TrivialServlet on the bridge",
          Runtime.getRuntime().maxMemory() >> 20,
          load());
      String expected = "{\"batchItemFailures\":[]}";
      for (int i = 0; i < warmup; i++) {
        check(invoke(handler, event), expected);
      }
      List<Double> perSecond = new ArrayList<>();
      List<Double> growth = new ArrayList<>();
      List<Double> allocated = new ArrayList<>();
      ThreadMXBean threads = (ThreadMXBean) ManagementFactory.getThreadMXBean();
      for (int r = 1; r <= rounds; r++) {
        long before = usedAfterGc();
        resetPeaks();
        long bytes0 = threads.getCurrentThreadAllocatedBytes();
        long cpu0 = threads.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        String reply = invoke(handler, event);
        long wall = System.nanoTime() - t0;
        long cpu = threads.getCurrentThreadCpuTime() - cpu0;
        long bytes = threads.getCurrentThreadAllocatedBytes() - bytes0;
        long peak = peakSum();
        long after = usedAfterGc();
        check(reply, expected);
        double rate = records / (wall / 1e9);
        perSecond.add(rate);
        growth.add((peak - before) / 1e6);
        allocated.add((double) bytes / records);
        System.out.printf(
            Locale.ROOT,
            "round %d: %.0f ms, %,.0f records/s, CPU %.1f µs/record (caller thread),"
                + " allocated %,.0f B/record; heap after GC %.1f MB, peak %.1f MB (growth %.1f MB),"
                + " after GC %.1f MB; load %s%n",
            r,
            wall / 1e6,
            rate,
            cpu / 1e3 / records,
            (double) bytes / records,
            before / 1e6,
            peak / 1e6,
            (peak - before) / 1e6,
            after / 1e6,
            load());
      }
      double live = liveGrowth(handler, event, expected, liveMillis);
      System.out.printf(
          Locale.ROOT,
          "median: %,.0f records/s, peak heap growth %.1f MB, %,.0f B/record allocated;"
              + " live heap growth %.1f MB; load %s%n",
          median(perSecond),
          median(growth),
          median(allocated),
          live,
          load());
    } finally {
      if (servlet != null) {
        servlet.close();
      }
    }
  }

  /**
   * One more call while another thread forces a full collection every {@code millis} and reads the
   * heap after it: the most of those readings, less the heap in use before the call, is the most
   * live data the call held at once (garbage excluded). The call is slower; its time is not a
   * figure.
   */
  private static double liveGrowth(LambdaHandler handler, byte[] event, String expected, int millis)
      throws Exception {
    long before = usedAfterGc();
    long[] most = {before};
    boolean[] stop = {false};
    Thread sampler =
        new Thread(
            () -> {
              while (!stopped(stop)) {
                long used = usedAfterGc();
                synchronized (most) {
                  most[0] = Math.max(most[0], used);
                }
                try {
                  Thread.sleep(millis);
                } catch (InterruptedException e) {
                  return;
                }
              }
            },
            "live-sampler");
    sampler.setDaemon(true);
    sampler.start();
    long t0 = System.nanoTime();
    String reply = invoke(handler, event);
    long wall = System.nanoTime() - t0;
    synchronized (stop) {
      stop[0] = true;
    }
    sampler.join();
    check(reply, expected);
    double growth;
    synchronized (most) {
      growth = (most[0] - before) / 1e6;
    }
    System.out.printf(
        Locale.ROOT,
        "sampled round (full GC every %d ms): %.0f ms, live heap grew by %.1f MB at most; load %s%n",
        millis,
        wall / 1e6,
        growth,
        load());
    return growth;
  }

  private static boolean stopped(boolean[] stop) {
    synchronized (stop) {
      return stop[0];
    }
  }

  private static final AppResponse OK = AppResponse.of(200, "text/plain", "ok");

  private static String invoke(LambdaHandler handler, byte[] event) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    handler.handleRequest(new ByteArrayInputStream(event), out, null);
    return out.toString(StandardCharsets.UTF_8);
  }

  private static void check(String reply, String expected) {
    if (!reply.equals(expected)) {
      throw new IllegalStateException(
          "the batch was not handled whole: "
              + (reply.length() > 300 ? reply.substring(0, 300) + "…" : reply));
    }
  }

  private static long usedAfterGc() {
    System.gc();
    System.gc();
    long used = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        used += pool.getUsage().getUsed();
      }
    }
    return used;
  }

  private static void resetPeaks() {
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        pool.resetPeakUsage();
      }
    }
  }

  private static long peakSum() {
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    return peak;
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    sorted.sort(null);
    int n = sorted.size();
    if (n == 0) {
      return Double.NaN;
    }
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  private static String load() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (Exception e) {
      return "unknown";
    }
  }
}
