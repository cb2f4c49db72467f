package io.github.cloudeventshandler.benchmarks;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.cloudeventshandler.conformance.ConformanceCorpus;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Cold start through the real AWS Lambda runtime interface client: launches {@code
 * com.amazonaws.services.lambda.runtime.api.client.AWSLambda} in a fresh JVM, N times per variant,
 * interleaved (baseline, ceh, baseline, ceh, …), each against its own Runtime API on 127.0.0.1 that
 * serves one event (the recorded S3 put {@code aws/s3/s3-put-sam}) and then holds {@code /next}
 * open. One launch is timed from just before {@link ProcessBuilder#start} to the moment the fake
 * API has read the body of {@code POST …/invocation/{id}/response}; then the process is stopped
 * (SIGTERM, then killed after five seconds). The launches declare a 3,538 MB function (two vCPUs of
 * CPU, as this machine has two cores), so the handler's {@code CEH_PRELOAD=auto} preloads.
 *
 * <p>Variants: {@code baseline} ({@link EmptyStreamHandler}, the floor any Java function pays) and
 * {@code ceh} ({@code LambdaHandler::handleRequest} from the shaded {@code samples/hello-lambda}
 * jar, {@code CEH_APPLICATION} = {@code HelloServlet}); with {@code --c1} also both again with
 * {@code JAVA_TOOL_OPTIONS=-XX:+TieredCompilation -XX:TieredStopAtLevel=1}; with {@code --no-jmx}
 * also {@code ceh-c1-nojmx}, the same plus {@code
 * -Dorg.eclipse.jetty.util.referencesPerCacheLine=16} (session 1's experiment; the servlet bridge
 * now sets that property itself). {@code --jetty-floor}, {@code --cds}, {@code --extra} and {@code
 * --extra-jar} add variants ({@code benchmarks/README.md}). With {@code --class-log DIR}, one
 * extra, untimed launch per variant with {@code -Xlog:class+load} and a count of loaded classes per
 * library.
 *
 * <p>Not run by {@code mvn verify}. Command: see {@code docs/performance.md}.
 */
public final class ColdStart {
  private static final String PREFIX = "/2018-06-01/runtime/";
  private static final String RIC = "com.amazonaws.services.lambda.runtime.api.client.AWSLambda";
  private static final String CEH_HANDLER =
      "io.github.cloudeventshandler.aws.LambdaHandler::handleRequest";
  private static final String HELLO = "io.github.cloudeventshandler.samples.hello.HelloServlet";
  static final String C1 = "-XX:+TieredCompilation -XX:TieredStopAtLevel=1";
  private static final long TIMEOUT_MS = 60_000;

  private ColdStart() {}

  /** One way to launch the runtime client: its class path, handler and extra environment. */
  record Variant(String name, String classpath, String handler, Map<String, String> env) {}

  /** One timed launch: launch → first {@code GET /next}, launch → response body read. */
  record Launch(long initMillis, long responseMillis, long cpuMillis, String response) {}

  /**
   * Runs the measurement and prints one line per launch and a summary per variant.
   *
   * @param args {@code [--runs N] [--c1] [--no-jmx] [--class-log DIR] [--app-jar JAR]
   *     [--ric-classpath FILE] [--baseline-classes DIR] [--extra NAME=JVM-OPTIONS]...}: each {@code
   *     --extra} adds a variant of the C1 handler launch with more JVM options
   */
  public static void main(String[] args) throws Exception {
    int runs = 7;
    boolean c1 = false;
    boolean jettyFloor = false;
    boolean cds = false;
    boolean noJmx = false;
    Path classLog = null;
    Path appJar = Path.of("samples/hello-lambda/target/hello-lambda.jar");
    Path ricFile = Path.of("benchmarks/target/runtime-client.classpath");
    Path baselineClasses = Path.of("benchmarks/target/classes");
    Map<String, String> extra = new LinkedHashMap<>();
    Map<String, Path> extraJars = new LinkedHashMap<>();
    Path writePreload = null;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--runs" -> runs = Integer.parseInt(args[++i]);
        case "--c1" -> c1 = true;
        case "--jetty-floor" -> jettyFloor = true;
        case "--cds" -> cds = true;
        case "--no-jmx" -> noJmx = true;
        case "--class-log" -> classLog = Path.of(args[++i]);
        case "--app-jar" -> appJar = Path.of(args[++i]);
        case "--ric-classpath" -> ricFile = Path.of(args[++i]);
        case "--baseline-classes" -> baselineClasses = Path.of(args[++i]);
        case "--write-preload" -> writePreload = Path.of(args[++i]);
        case "--extra-jar" -> {
          String spec = args[++i];
          int eq = spec.indexOf('=');
          if (eq < 1) {
            throw new IllegalArgumentException("--extra-jar NAME=JAR, not " + spec);
          }
          extraJars.put(spec.substring(0, eq), Path.of(spec.substring(eq + 1)));
        }
        case "--extra" -> {
          String spec = args[++i];
          int eq = spec.indexOf('=');
          if (eq < 1) {
            throw new IllegalArgumentException("--extra NAME=JVM-OPTIONS, not " + spec);
          }
          extra.put(spec.substring(0, eq), spec.substring(eq + 1));
        }
        default -> throw new IllegalArgumentException("unknown argument " + args[i]);
      }
    }
    if (runs < 1) {
      throw new IllegalArgumentException("--runs must be at least 1");
    }
    for (Path p : List.of(appJar, ricFile, baselineClasses)) {
      if (!Files.exists(p)) {
        throw new IllegalStateException(
            p.toAbsolutePath()
                + " does not exist: build first with mvn -o -q package -DskipTests"
                + " -pl samples/hello-lambda,benchmarks -am");
      }
    }
    String ric = Files.readString(ricFile).trim();
    if (writePreload != null) {
      writePreload(ric, appJar, writePreload);
      return;
    }
    List<Variant> variants = new ArrayList<>();
    String baseCp = ric + File.pathSeparator + baselineClasses.toAbsolutePath();
    String cehCp = ric + File.pathSeparator + appJar.toAbsolutePath();
    String baseHandler = EmptyStreamHandler.class.getName() + "::handleRequest";
    variants.add(new Variant("baseline", baseCp, baseHandler, Map.of()));
    variants.add(new Variant("ceh", cehCp, CEH_HANDLER, Map.of("CEH_APPLICATION", HELLO)));
    if (jettyFloor) {
      // Jetty alone (the bridge's floor), from the application jar's Jetty classes
      variants.add(
          new Variant(
              "jetty-floor",
              baseCp + File.pathSeparator + appJar.toAbsolutePath(),
              JettyFloorHandler.class.getName() + "::handleRequest",
              Map.of("JAVA_TOOL_OPTIONS", C1)));
    }
    if (c1) {
      variants.add(
          new Variant("baseline-c1", baseCp, baseHandler, Map.of("JAVA_TOOL_OPTIONS", C1)));
      variants.add(
          new Variant(
              "ceh-c1",
              cehCp,
              CEH_HANDLER,
              Map.of("CEH_APPLICATION", HELLO, "JAVA_TOOL_OPTIONS", C1)));
    }
    if (noJmx) {
      // Jetty's MemoryUtils reads UseCompressedOops through the platform MBean server unless this
      // property is set (16 = 64-byte cache line / 4-byte compressed references)
      variants.add(
          new Variant(
              "ceh-c1-nojmx",
              cehCp,
              CEH_HANDLER,
              Map.of(
                  "CEH_APPLICATION",
                  HELLO,
                  "JAVA_TOOL_OPTIONS",
                  C1 + " -Dorg.eclipse.jetty.util.referencesPerCacheLine=16")));
    }
    extra.forEach(
        (name, options) ->
            variants.add(
                new Variant(
                    name,
                    cehCp,
                    CEH_HANDLER,
                    Map.of("CEH_APPLICATION", HELLO, "JAVA_TOOL_OPTIONS", C1 + " " + options))));
    extraJars.forEach(
        (name, jar) ->
            variants.add(
                new Variant(
                    name,
                    ric + File.pathSeparator + jar.toAbsolutePath(),
                    CEH_HANDLER,
                    Map.of("CEH_APPLICATION", HELLO, "JAVA_TOOL_OPTIONS", C1))));
    byte[] event = ConformanceCorpus.get("aws/s3/s3-put-sam").input();
    Path work = Files.createTempDirectory("ceh-coldstart-");
    if (cds) {
      Path archive = trainArchive(cehCp, event, work);
      variants.add(
          new Variant(
              "ceh-c1-cds",
              cehCp,
              CEH_HANDLER,
              Map.of(
                  "CEH_APPLICATION",
                  HELLO,
                  "JAVA_TOOL_OPTIONS",
                  C1 + " -XX:SharedArchiveFile=" + archive)));
    }
    System.out.printf(
        "cold start, %d launches per variant, interleaved; event aws/s3/s3-put-sam (%d bytes);"
            + " java %s; %s%n",
        runs, event.length, System.getProperty("java.version"), loadAverage());

    // one untimed launch per variant first: warms the page cache for every jar
    for (Variant v : variants) {
      launch(v, event, work, List.of());
    }
    Map<String, List<Launch>> results = new LinkedHashMap<>();
    variants.forEach(v -> results.put(v.name(), new ArrayList<>()));
    for (int round = 1; round <= runs; round++) {
      for (Variant v : variants) {
        Launch l = launch(v, event, work, List.of());
        results.get(v.name()).add(l);
        System.out.printf(
            "round %d %-12s init %5d ms, first response %5d ms, cpu %5d ms  (%s)%n",
            round, v.name(), l.initMillis(), l.responseMillis(), l.cpuMillis(), loadAverage());
      }
    }
    System.out.println();
    System.out.println(
        "variant       launch→response ms: median   min   max | launch→first /next median"
            + " | cpu ms median");
    for (Variant v : variants) {
      List<Launch> ls = results.get(v.name());
      List<Long> resp = new ArrayList<>(ls.stream().map(Launch::responseMillis).toList());
      List<Long> init = new ArrayList<>(ls.stream().map(Launch::initMillis).toList());
      List<Long> cpu = new ArrayList<>(ls.stream().map(Launch::cpuMillis).toList());
      Collections.sort(resp);
      Collections.sort(init);
      Collections.sort(cpu);
      System.out.printf(
          "%-12s %30d %5d %5d | %25d | %d%n",
          v.name(),
          median(resp),
          resp.get(0),
          resp.get(resp.size() - 1),
          median(init),
          median(cpu));
    }
    System.out.println("first response of each variant:");
    for (Variant v : variants) {
      System.out.printf("  %-12s %s%n", v.name(), results.get(v.name()).get(0).response());
    }
    System.out.println(loadAverage());

    if (classLog != null) {
      Files.createDirectories(classLog);
      for (Variant v : variants) {
        Path log = classLog.toAbsolutePath().resolve(v.name() + ".classload.log");
        launch(v, event, work, List.of("-Xlog:class+load=info:file=" + log));
        System.out.printf("%nclasses loaded until the first response, %s:%n", v.name());
        countClasses(log).forEach((k, n) -> System.out.printf("  %-40s %5d%n", k, n));
      }
    }
  }

  /**
   * The CPU time (user + system, all threads) a process has used so far, from {@code
   * /proc/PID/stat} in clock ticks of 10 ms; -1 where there is no {@code /proc}.
   */
  static long cpuMillis(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10;
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /**
   * The AppCDS archive of the handler variant, from {@code aws.ColdStartTraining} run on the same
   * class path with the timed event (the recipe of {@code aws/README.md}).
   */
  private static Path trainArchive(String classpath, byte[] event, Path work) throws Exception {
    Path eventFile = Files.write(work.resolve("training-event.json"), event);
    return trainArchive(
        classpath,
        List.of("io.github.cloudeventshandler.aws.ColdStartTraining", eventFile.toString()),
        Map.of("CEH_APPLICATION", HELLO),
        work.resolve("ceh.jsa"));
  }

  /**
   * Writes a dynamic AppCDS archive: runs {@code mainAndArgs} on {@code classpath} (C1 only, serial
   * GC, as the timed launches) with {@code -XX:ArchiveClassesAtExit}, and the JVM writes every
   * class it loaded when the run exits. The timed launches must use the same class path (or one
   * that starts with it), or the JVM ignores the archive.
   */
  static Path trainArchive(
      String classpath, List<String> mainAndArgs, Map<String, String> env, Path archive)
      throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(
        List.of("-XX:+UseSerialGC", "-Xshare:auto", "-XX:ArchiveClassesAtExit=" + archive));
    command.addAll(List.of("-cp", classpath));
    command.addAll(mainAndArgs);
    ProcessBuilder pb = new ProcessBuilder(command);
    ChildJvm.clean(pb.environment());
    pb.environment().putAll(env);
    pb.environment().put("JAVA_TOOL_OPTIONS", C1);
    Path log = archive.resolveSibling(archive.getFileName() + ".training.log");
    pb.redirectErrorStream(true);
    pb.redirectOutput(log.toFile());
    Process p = pb.start();
    if (!p.waitFor(TIMEOUT_MS, TimeUnit.MILLISECONDS)
        || p.exitValue() != 0
        || !Files.exists(archive)) {
      p.destroyForcibly();
      throw new IllegalStateException("the AppCDS training run failed; log:\n" + tail(log));
    }
    System.out.printf("AppCDS archive %s: %d KB%n", archive, Files.size(archive) / 1024);
    return archive;
  }

  /** CPU ms per thread name (summed over threads of the same name), where there is /proc. */
  private static Map<String, Long> threadCpu(long pid) {
    Map<String, Long> cpu = new TreeMap<>();
    try (var tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
      for (Path task : tasks.toList()) {
        try {
          String name = Files.readString(task.resolve("comm")).strip();
          String stat = Files.readString(task.resolve("stat"));
          String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
          long ms = (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10;
          if (ms > 0) {
            cpu.merge(name, ms, Long::sum);
          }
        } catch (IOException | RuntimeException e) {
          // the thread ended
        }
      }
    } catch (IOException e) {
      // no /proc
    }
    return cpu;
  }

  /** The events of the training launches: an async source, a batch, an HTTP proxy. */
  private static final List<String> TRAINING_EVENTS =
      List.of("aws/s3/s3-put-sam", "aws/sqs/sqs-json-body", "aws/apigateway/http-api-v2");

  /**
   * Writes the handler's class preload list (see {@code ClassPreloader} in the servlet bridge): one
   * launch of the C1 handler per training event with {@code CEH_PRELOAD=false} and {@code
   * -Xlog:class+load}; {@code [start]} is what was loaded from the handler's first class up to the
   * first event ({@code RawEvent}) in the first launch, {@code [event]} the union of what each
   * launch loaded from there on, in order of first appearance. Only classes of the JDK and of the
   * application jar are listed, never the sample application's own or the runtime client's.
   */
  private static void writePreload(String ric, Path appJar, Path out) throws Exception {
    String jar = appJar.toAbsolutePath().toString();
    Variant training =
        new Variant(
            "preload-training",
            ric + File.pathSeparator + jar,
            CEH_HANDLER,
            Map.of("CEH_APPLICATION", HELLO, "JAVA_TOOL_OPTIONS", C1, "CEH_PRELOAD", "false"));
    Path work = Files.createTempDirectory("ceh-preload-");
    java.util.Set<String> start = new java.util.LinkedHashSet<>();
    java.util.Set<String> firstEvent = new java.util.LinkedHashSet<>();
    for (String id : TRAINING_EVENTS) {
      Path log = work.resolve(id.replace('/', '_') + ".classload.log");
      launch(
          training,
          ConformanceCorpus.get(id).input(),
          work,
          List.of("-Xlog:class+load=info:file=" + log));
      boolean inHandler = false;
      boolean inEvent = false;
      for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
        int at = line.indexOf("] ");
        int src = line.indexOf(" source: ");
        if (at < 0 || src < 0) {
          continue;
        }
        String name = line.substring(line.lastIndexOf("] ", src) + 2, src);
        String source = line.substring(src + " source: ".length());
        inHandler |= name.equals("io.github.cloudeventshandler.aws.LambdaHandler");
        inEvent |= name.equals("io.github.cloudeventshandler.core.classifier.RawEvent");
        if (!inHandler || !preloadable(name, source, jar)) {
          continue;
        }
        if (inEvent) {
          if (!start.contains(name)) {
            firstEvent.add(name);
          }
        } else if (id.equals(TRAINING_EVENTS.get(0))) {
          start.add(name);
        }
      }
    }
    List<String> lines = new ArrayList<>();
    lines.add("# The classes a cold start through LambdaHandler loads (see ClassPreloader).");
    lines.add("# Generated: java -cp benchmarks/target/benchmarks.jar \\");
    lines.add("#   io.github.cloudeventshandler.benchmarks.ColdStart --write-preload FILE");
    lines.add("# from launches of the real runtime client with " + TRAINING_EVENTS + ".");
    lines.add("[start]");
    lines.addAll(start);
    lines.add("[event]");
    lines.addAll(firstEvent);
    Files.write(out, lines, StandardCharsets.UTF_8);
    System.out.printf(
        "wrote %s: %d start classes, %d event classes%n", out, start.size(), firstEvent.size());
  }

  private static boolean preloadable(String name, String source, String appJar) {
    boolean ours =
        source.equals("shared objects file")
            || source.startsWith("jrt:/")
            || source.equals("file:" + appJar);
    return ours
        && !name.contains("/")
        && !name.contains("$$Lambda")
        && !name.startsWith("io.github.cloudeventshandler.samples.")
        && !name.startsWith("com.amazonaws.services.lambda.runtime.api.client.");
  }

  static Launch launch(Variant v, byte[] event, Path work, List<String> jvmFlags) throws Exception {
    ExecutorService executor = Executors.newCachedThreadPool();
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    CompletableFuture<Long> firstNext = new CompletableFuture<>();
    CompletableFuture<Long> responded = new CompletableFuture<>();
    CompletableFuture<String> body = new CompletableFuture<>();
    CompletableFuture<String> failed = new CompletableFuture<>();
    String requestId = "cold-" + System.nanoTime();
    server.setExecutor(executor);
    server.createContext(
        PREFIX,
        exchange -> {
          try (exchange) {
            String method = exchange.getRequestMethod();
            String rest = exchange.getRequestURI().getPath().substring(PREFIX.length());
            byte[] in = exchange.getRequestBody().readAllBytes();
            long now = System.nanoTime();
            if (method.equals("GET") && rest.equals("invocation/next")) {
              if (firstNext.complete(now)) {
                next(exchange, requestId, event);
              } else {
                holdOpen(responded);
              }
            } else if (method.equals("POST") && rest.endsWith("/response")) {
              body.complete(new String(in, StandardCharsets.UTF_8));
              responded.complete(now);
              accepted(exchange);
            } else if (method.equals("POST")) {
              failed.complete(rest + ": " + new String(in, StandardCharsets.UTF_8));
              accepted(exchange);
            } else {
              exchange.sendResponseHeaders(404, -1);
            }
          }
        });
    server.start();
    Path taskRoot = Files.createDirectories(work.resolve("task"));
    Path log = work.resolve(v.name() + ".log");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-XX:+UseSerialGC");
    command.add("-Xshare:auto");
    command.addAll(jvmFlags);
    command.addAll(List.of("-cp", v.classpath(), RIC, v.handler()));
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.directory(taskRoot.toFile());
    pb.redirectErrorStream(true);
    pb.redirectOutput(log.toFile());
    Map<String, String> env = pb.environment();
    ChildJvm.clean(env);
    env.put(
        "AWS_LAMBDA_RUNTIME_API",
        server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort());
    env.put("_HANDLER", v.handler());
    env.put("LAMBDA_TASK_ROOT", taskRoot.toString());
    env.put("AWS_LAMBDA_FUNCTION_NAME", "cold-start");
    env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
    // two vCPU-seconds per second, as this machine has two cores (1,769 MB = one vCPU)
    env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "3538");
    env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/cold-start");
    env.put("AWS_LAMBDA_LOG_STREAM_NAME", "2026/01/01/[$LATEST]0123456789abcdef");
    env.put("AWS_REGION", "us-east-1");
    env.put("AWS_DEFAULT_REGION", "us-east-1");
    env.put("AWS_EXECUTION_ENV", "AWS_Lambda_java17");
    env.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
    env.put("TZ", ":UTC");
    env.putAll(v.env());
    Process process = null;
    try {
      long launched = System.nanoTime();
      process = pb.start();
      long deadline = System.currentTimeMillis() + TIMEOUT_MS;
      while (!responded.isDone()) {
        if (failed.isDone()) {
          throw new IllegalStateException(v.name() + " reported an error: " + failed.get());
        }
        if (!process.isAlive() || System.currentTimeMillis() > deadline) {
          throw new IllegalStateException(
              v.name() + " gave no response (alive " + process.isAlive() + "); log:\n" + tail(log));
        }
        try {
          responded.get(20, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
          // poll again
        }
      }
      long cpu = cpuMillis(process.pid());
      if (Boolean.getBoolean("coldstart.threads")) {
        System.out.println(v.name() + " threads: " + threadCpu(process.pid()));
      }
      return new Launch(
          (firstNext.get() - launched) / 1_000_000,
          (responded.get() - launched) / 1_000_000,
          cpu,
          body.get());
    } finally {
      if (process != null) {
        // SIGTERM first: shutdown hooks run (and a -XX:ArchiveClassesAtExit training run writes
        // its archive); whatever is still alive after five seconds is killed
        process.destroy();
        process.waitFor(5, TimeUnit.SECONDS);
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
      }
      server.stop(0);
      executor.shutdownNow();
    }
  }

  private static void next(HttpExchange exchange, String requestId, byte[] event)
      throws IOException {
    var h = exchange.getResponseHeaders();
    h.add("Content-Type", "application/json");
    h.add("Lambda-Runtime-Aws-Request-Id", requestId);
    h.add("Lambda-Runtime-Deadline-Ms", Long.toString(System.currentTimeMillis() + 30_000));
    h.add(
        "Lambda-Runtime-Invoked-Function-Arn",
        "arn:aws:lambda:us-east-1:123456789012:function:cold-start");
    h.add(
        "Lambda-Runtime-Trace-Id",
        "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1");
    exchange.sendResponseHeaders(200, event.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(event);
    }
  }

  /** The client crashes on an empty {@code /next} reply: never answer, until the launch ends. */
  private static void holdOpen(CompletableFuture<Long> responded) {
    try {
      responded.get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
      Thread.sleep(TIMEOUT_MS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      // launch over
    }
  }

  private static void accepted(HttpExchange exchange) throws IOException {
    byte[] ok = "{\"status\":\"OK\"}".getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(202, ok.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(ok);
    }
  }

  /** Loaded classes per library, from an {@code -Xlog:class+load} file. */
  private static Map<String, Integer> countClasses(Path log) throws IOException {
    Map<String, String> groups = new LinkedHashMap<>();
    groups.put("org.eclipse.jetty.", "Jetty (org.eclipse.jetty)");
    groups.put("jakarta.servlet.", "Servlet API (jakarta.servlet)");
    groups.put("com.google.gson.", "Gson (com.google.gson)");
    groups.put("io.cloudevents.", "CloudEvents SDK (io.cloudevents)");
    groups.put("io.github.cloudeventshandler.", "cloud-events-handler + hello");
    groups.put("org.slf4j.", "slf4j (api + simple)");
    groups.put("com.amazonaws.", "runtime client + lambda core (com.amazonaws)");
    groups.put("software.amazon.", "runtime client deps (software.amazon)");
    Map<String, Integer> counts = new TreeMap<>();
    int total = 0;
    for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
      int tag = line.indexOf("[class,load]");
      if (tag < 0) {
        continue;
      }
      String rest = line.substring(tag + "[class,load]".length()).trim();
      int space = rest.indexOf(' ');
      String name = space < 0 ? rest : rest.substring(0, space);
      total++;
      String group = "JDK and other";
      for (var g : groups.entrySet()) {
        if (name.startsWith(g.getKey())) {
          group = g.getValue();
          break;
        }
      }
      counts.merge(group, 1, Integer::sum);
    }
    counts.put("TOTAL", total);
    return counts;
  }

  private static long median(List<Long> sorted) {
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
      return "load " + f[0] + " " + f[1] + " " + f[2];
    } catch (IOException e) {
      return "load unknown";
    }
  }

  static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }
}
