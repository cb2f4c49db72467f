package io.github.cloudeventshandler.benchmarks;

import io.github.cloudeventshandler.aws.LambdaHandler;
import io.github.cloudeventshandler.conformance.ConformanceCorpus;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A poor man's sampling profiler of one cold start, in process: samples every live thread's stack
 * each millisecond while {@code new LambdaHandler()} starts the application named by {@code
 * ceh.application} / {@code CEH_APPLICATION} and handles one recorded S3 put, then prints the
 * methods seen on most samples (inclusive) and where the samples ended (self). Sampling is biased
 * towards safepoints and costs some time itself; use it to find where the cold start goes, and
 * {@link ColdStart} to measure it. System properties: {@code sampler.thread} (sample only threads
 * whose name starts with it, e.g. {@code cloud-events-handler-start}), {@code sampler.eventOnly}
 * (drop the samples of the constructor), {@code sampler.stackOf} (also print two whole stacks that
 * contain a frame starting with it: who calls what).
 *
 * <pre>{@code
 * java -XX:TieredStopAtLevel=1 -Dceh.application=io.github.cloudeventshandler.samples.hello.HelloServlet \
 *   -cp benchmarks/target/benchmarks.jar:samples/hello/target/classes \
 *   io.github.cloudeventshandler.benchmarks.StartupSampler [TOP] [PREFIX...]
 * }</pre>
 */
public final class StartupSampler {
  private static final Set<String> SYSTEM_THREADS =
      Set.of("Reference Handler", "Signal Dispatcher", "Finalizer", "Common-Cleaner");

  /** Only threads whose name starts with this ({@code -Dsampler.thread=...}) are sampled. */
  private static final String THREAD = System.getProperty("sampler.thread", "");

  private StartupSampler() {}

  /**
   * Runs one cold start under the sampler.
   *
   * @param args {@code [TOP] [PREFIX...]}: how many rows to print (default 60) and the frame
   *     prefixes to count inclusively (default: every frame)
   */
  public static void main(String[] args) throws Exception {
    int top = args.length > 0 ? Integer.parseInt(args[0]) : 60;
    List<String> prefixes = args.length > 1 ? List.of(args).subList(1, args.length) : List.of("");
    byte[] event = ConformanceCorpus.get("aws/s3/s3-put-sam").input();
    List<StackTraceElement[]> samples = new ArrayList<>();
    Thread self = Thread.currentThread();
    Thread sampler =
        new Thread(
            () -> {
              while (!Thread.currentThread().isInterrupted()) {
                for (Map.Entry<Thread, StackTraceElement[]> e :
                    Thread.getAllStackTraces().entrySet()) {
                  Thread t = e.getKey();
                  if (t != Thread.currentThread()
                      && t.getState() == Thread.State.RUNNABLE
                      && t.getName().startsWith(THREAD)
                      && !SYSTEM_THREADS.contains(t.getName())) {
                    synchronized (samples) {
                      samples.add(e.getValue());
                    }
                  }
                }
                try {
                  Thread.sleep(1);
                } catch (InterruptedException ex) {
                  return;
                }
              }
            },
            "startup-sampler");
    sampler.setDaemon(true);
    long start = System.nanoTime();
    sampler.start();
    LambdaHandler handler = new LambdaHandler();
    long constructed = System.nanoTime();
    if (Boolean.getBoolean("sampler.eventOnly")) {
      synchronized (samples) {
        samples.clear();
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    handler.handleRequest(new ByteArrayInputStream(event), out, null);
    long handled = System.nanoTime();
    sampler.interrupt();
    sampler.join();
    System.out.printf(
        "constructor %d ms, first event %d ms, %d samples (thread %s)%n",
        (constructed - start) / 1_000_000,
        (handled - constructed) / 1_000_000,
        samples.size(),
        self.getName());
    Map<String, Integer> inclusive = new HashMap<>();
    Map<String, Integer> leaf = new HashMap<>();
    for (StackTraceElement[] stack : samples) {
      Set<String> seen = new HashSet<>();
      for (StackTraceElement f : stack) {
        String name = f.getClassName() + "." + f.getMethodName();
        if (prefixes.stream().anyMatch(name::startsWith) && seen.add(name)) {
          inclusive.merge(name, 1, Integer::sum);
        }
      }
      if (stack.length > 0) {
        leaf.merge(stack[0].getClassName() + "." + stack[0].getMethodName(), 1, Integer::sum);
      }
    }
    String stackOf = System.getProperty("sampler.stackOf");
    if (stackOf != null) {
      samples.stream()
          .filter(
              st ->
                  Arrays.stream(st)
                      .anyMatch(
                          f -> (f.getClassName() + "." + f.getMethodName()).startsWith(stackOf)))
          .limit(2)
          .forEach(
              st -> {
                System.out.println("a stack with " + stackOf + ":");
                Arrays.stream(st).limit(45).forEach(f -> System.out.println("    " + f));
              });
    }
    print("inclusive", inclusive, top);
    print("self", leaf, top / 2);
    System.exit(0); // the application's threads would keep the JVM alive
  }

  private static void print(String title, Map<String, Integer> counts, int top) {
    System.out.println(title + ":");
    counts.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
        .limit(top)
        .forEach(e -> System.out.printf("  %6d  %s%n", e.getValue(), e.getKey()));
  }
}
