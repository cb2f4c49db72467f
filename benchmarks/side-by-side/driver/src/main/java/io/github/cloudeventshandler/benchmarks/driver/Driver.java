package io.github.cloudeventshandler.benchmarks.driver;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.locks.LockSupport;

/**
 * The main class of every child JVM of the side-by-side harness ({@code SideBySide} in the
 * benchmarks module), run with a deployable's jars and this jar on the class path. It constructs
 * the handler named on the command line (a {@link RequestStreamHandler} with a public no-argument
 * constructor: aws-serverless-java-container's handler class, or {@code LambdaHandler} with {@code
 * CEH_APPLICATION} set) exactly once, as the Lambda runtime would, feeds it the event file, and
 * prints lines the harness parses. Every call gets a new input and a new output stream.
 *
 * <pre>{@code
 * check HANDLER EVENT                                  RESPONSE <reply>
 * cold  HANDLER EVENT                                  FIRST_RESPONSE <init µs> <call µs> <bytes>
 * train HANDLER EVENT                                  one call, then a normal exit (AppCDS dump)
 * warm  HANDLER EVENT WARMUP MEASURED ROUNDS PAUSE_µS  ROUND <n> <wall ns> <process cpu ns> ...
 * batch HANDLER EVENT WARMUP MEASURED SAMPLE_MS        BATCH <ns> <heap before> <peak> ...
 *                                                      LIVE <ns> <heap before> <most live> ...
 * }</pre>
 *
 * <p>Exit status 0, or 1 when the handler throws or a call answers differently from the first.
 */
public final class Driver {
  private static final Charset UTF8 = StandardCharsets.UTF_8;

  private Driver() {}

  /**
   * Runs one mode.
   *
   * @param args the mode, the handler class, the event file, and the mode's numbers
   */
  public static void main(String[] args) {
    long began = System.nanoTime();
    if (args.length < 3) {
      System.err.println("usage: Driver check|cold|train|warm|batch HANDLER EVENT [numbers]");
      System.exit(2);
    }
    try {
      run(args, began);
    } catch (Throwable e) {
      // the handler's threads (Jetty's, Spring's) would keep the JVM alive
      e.printStackTrace();
      System.exit(1);
    }
    System.exit(0);
  }

  private static void run(String[] args, long began) throws Exception {
    byte[] event;
    try (InputStream in = new FileInputStream(args[2])) {
      event = in.readAllBytes();
    }
    RequestStreamHandler handler =
        (RequestStreamHandler) Class.forName(args[1]).getDeclaredConstructor().newInstance();
    long constructed = System.nanoTime();
    // an HTTP API request has API Gateway's 29 s at most; a 10,000-record batch gets Lambda's
    // longest timeout (900 s), so that no record runs out of budget on a slow machine
    Context context = new BenchContext(args[0].equals("batch") ? 900_000 : 30_000);
    switch (args[0]) {
      case "check" -> {
        System.out.println("RESPONSE " + new String(call(handler, event, context), UTF8));
        System.out.flush();
      }
      case "cold" -> {
        byte[] reply = call(handler, event, context);
        long answered = System.nanoTime();
        System.out.println(
            "FIRST_RESPONSE "
                + (constructed - began) / 1000
                + " "
                + (answered - constructed) / 1000
                + " "
                + reply.length);
        System.out.println("RESPONSE " + new String(reply, UTF8));
        System.out.flush();
        // stay up, as a Lambda runtime does, until the harness has read this process's CPU time
        // and stops it
        Thread.sleep(60_000);
      }
      case "train" -> call(handler, event, context);
      case "warm" ->
          warm(
              handler,
              event,
              context,
              Integer.parseInt(args[3]),
              Integer.parseInt(args[4]),
              Integer.parseInt(args[5]),
              Long.parseLong(args[6]) * 1000);
      case "batch" ->
          batch(
              handler,
              event,
              context,
              Integer.parseInt(args[3]),
              Integer.parseInt(args[4]),
              Long.parseLong(args[5]));
      default -> throw new IllegalArgumentException("unknown mode " + args[0]);
    }
  }

  /** One invocation with fresh streams, as the runtime makes them. */
  private static byte[] call(RequestStreamHandler handler, byte[] event, Context context)
      throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    handler.handleRequest(new ByteArrayInputStream(event), out, context);
    return out.toByteArray();
  }

  /**
   * Warm invocations: {@code warmup} untimed, then {@code measured} split into {@code rounds}. Back
   * to back ({@code pauseNanos} 0) a round is timed as a whole; with a pause, the driver sleeps
   * that long before each invocation and times the invocations alone. The process CPU time (all
   * threads: the caller, any pool thread the handler hands the request to, GC and JIT) is read at
   * each round's start and end, and the bytes the calling thread allocated over the round (the last
   * field of its {@code ROUND} line). A reply of another length than the first fails the run.
   */
  private static void warm(
      RequestStreamHandler handler,
      byte[] event,
      Context context,
      int warmup,
      int measured,
      int rounds,
      long pauseNanos)
      throws IOException {
    int expected = call(handler, event, context).length;
    int wrong = 0;
    for (int i = 0; i < warmup; i++) {
      if (pauseNanos > 0) {
        LockSupport.parkNanos(pauseNanos);
      }
      wrong += answer(handler, event, context, expected);
    }
    int perRound = (measured + rounds - 1) / rounds;
    var os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    for (int r = 1; r <= rounds; r++) {
      long cpu0 = os.getProcessCpuTime();
      long allocated0 = threads.getCurrentThreadAllocatedBytes();
      long wall = 0;
      if (pauseNanos == 0) {
        long t0 = System.nanoTime();
        for (int i = 0; i < perRound; i++) {
          wrong += answer(handler, event, context, expected);
        }
        wall = System.nanoTime() - t0;
      } else {
        for (int i = 0; i < perRound; i++) {
          LockSupport.parkNanos(pauseNanos);
          long t0 = System.nanoTime();
          wrong += answer(handler, event, context, expected);
          wall += System.nanoTime() - t0;
        }
      }
      long cpu = os.getProcessCpuTime() - cpu0;
      long allocated = threads.getCurrentThreadAllocatedBytes() - allocated0;
      System.out.println(
          "ROUND " + perRound + " " + wall + " " + cpu + " " + loadAverage() + " " + allocated);
      System.out.flush();
    }
    if (wrong > 0) {
      System.out.println("MISMATCHES " + wrong);
      System.out.flush();
      System.exit(1);
    }
  }

  private static int answer(RequestStreamHandler handler, byte[] event, Context context, int length)
      throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    handler.handleRequest(new ByteArrayInputStream(event), out, context);
    return out.size() == length ? 0 : 1;
  }

  /**
   * One big event (the SQS batch): {@code warmup} times untimed, then {@code measured} timed calls,
   * each after a full collection, printing the wall time, the heap in use before the call and the
   * peak occupancy (the most heap in use before any collection during the call, or at its end:
   * garbage included, what the heap must make room for) from the JVM's GC notifications. Then
   * {@code measured} more calls while another thread forces a full collection every {@code
   * sampleMillis} and reads the heap after it: the most of those readings is the most live data the
   * call held at once (slower calls; their times are printed but are not the throughput). Ends with
   * the last reply.
   */
  private static void batch(
      RequestStreamHandler handler,
      byte[] event,
      Context context,
      int warmup,
      int measured,
      long sampleMillis)
      throws Exception {
    HeapWatch watch = HeapWatch.start();
    byte[] reply = null;
    for (int i = 0; i < warmup; i++) {
      reply = call(handler, event, context);
    }
    for (int i = 0; i < measured; i++) {
      long before = settledHeap();
      watch.reset();
      long t0 = System.nanoTime();
      reply = call(handler, event, context);
      long nanos = System.nanoTime() - t0;
      long end = HeapWatch.used();
      Thread.sleep(200); // the notifications of the last collections arrive on another thread
      long peak = Math.max(watch.maxBeforeGc(), end);
      System.out.println(
          "BATCH "
              + nanos
              + " "
              + before
              + " "
              + peak
              + " "
              + watch.collections()
              + " "
              + loadAverage());
      System.out.flush();
    }
    for (int i = 0; i < measured; i++) {
      long before = settledHeap();
      LiveSampler sampler = new LiveSampler(sampleMillis);
      Thread thread = new Thread(sampler, "live-heap-sampler");
      thread.setDaemon(true);
      long t0 = System.nanoTime();
      thread.start();
      reply = call(handler, event, context);
      long nanos = System.nanoTime() - t0;
      sampler.stop();
      thread.join();
      System.out.println(
          "LIVE "
              + nanos
              + " "
              + before
              + " "
              + sampler.maxLive()
              + " "
              + sampler.samples()
              + " "
              + loadAverage());
      System.out.flush();
    }
    System.out.println("RESPONSE " + new String(reply, UTF8));
    System.out.flush();
  }

  /** The heap in use after two full collections and a pause. */
  private static long settledHeap() throws InterruptedException {
    System.gc();
    System.gc();
    Thread.sleep(200);
    return HeapWatch.used();
  }

  /** The 1-minute load average, or -1 where there is no {@code /proc/loadavg}. */
  private static String loadAverage() {
    try (InputStream in = new FileInputStream("/proc/loadavg")) {
      String s = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
      return s.substring(0, s.indexOf(' '));
    } catch (IOException | RuntimeException e) {
      return "-1";
    }
  }
}
