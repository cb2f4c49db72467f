package io.github.cloudeventshandler.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * The side-by-side harness: one Spring Boot 4 app ({@code benchmarks/side-by-side/app}, {@code POST
 * /echo} and a servlet filter) behind aws-serverless-java-container 3.0.2 (A, {@code
 * SpringBootLambdaContainerHandler.getHttpApiV2ProxyHandler}) and behind the zero-code {@code
 * LambdaHandler} (B), each from its own deployable, every figure from child JVMs that alternate A,
 * B, B, A. It checks that both answer the same, then measures warm invocations (back to back and
 * after a 1 ms pause, default JIT and C1 only, wall and CPU), cold starts (plain {@code main} and
 * the real runtime interface client, default JIT, C1, C1 + AppCDS), the deployables' size, the
 * books sample's cold start under both, and a 10,000-record SQS batch through B. It ends with a
 * Markdown table of medians, B/A ratios, targets and the load average beside each row.
 *
 * <pre>{@code
 * benchmarks/side-by-side.sh                 # builds, then runs everything (≈ 20 min)
 * benchmarks/side-by-side.sh --quick         # a smoke run of every section (≈ 5 min)
 * benchmarks/side-by-side.sh --only check,cold
 * }</pre>
 *
 * <p>Not run by {@code mvn verify} (only {@code SideBySideCheckIT}, the correctness check).
 */
public final class SideBySide {
  static final String ECHO_APP = "io.github.cloudeventshandler.benchmarks.echo.EchoApp";
  static final String BOOKS_APP = "io.github.cloudeventshandler.samples.books.BooksApp";
  static final String SJC_HANDLER = "io.github.cloudeventshandler.benchmarks.sjc.SjcHandler";
  static final String CEH_HANDLER = "io.github.cloudeventshandler.aws.LambdaHandler";

  /** Both handlers log at WARN: the figures are the adapters', not their access-log lines'. */
  static final List<String> QUIET = List.of("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");

  static final List<String> C1 = List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1");

  /** The sections, in the order they run. */
  static final Set<String> SECTIONS =
      Collections.unmodifiableSet(
          new LinkedHashSet<>(List.of("check", "size", "warm", "cold", "books", "sqs")));

  /** How much to measure; {@code --quick} gives a smoke run of every section. */
  record Settings(
      Path root,
      Set<String> only,
      int warmup,
      int measured,
      int rounds,
      int launches,
      int sqsRecords,
      int sqsBodyBytes,
      int batchWarmup,
      int batchMeasured) {
    static Settings full(Path root) {
      return new Settings(root, SECTIONS, 5_000, 50_000, 5, 7, 10_000, 500, 3, 5);
    }

    static Settings quick(Path root) {
      return new Settings(root, SECTIONS, 200, 1_500, 3, 1, 10_000, 500, 1, 1);
    }
  }

  /** One row of the table: a measure, A's and B's samples, the target of B/A. */
  record Row(String measure, Figures a, Figures b, int decimals, String target) {}

  final Settings settings;
  final Path work;
  final Deployable aEcho;
  final Deployable bEcho;
  final Path echoEvent;
  final List<Row> rows = new ArrayList<>();
  final List<String> notes = new ArrayList<>();

  SideBySide(Settings settings, Path work) throws IOException {
    this.settings = settings;
    this.work = Files.createDirectories(work);
    Path sbs = settings.root().resolve("benchmarks/side-by-side");
    Path driver = driverJar(sbs);
    this.aEcho =
        Deployable.inDirectory(
            "A",
            sbs.resolve("sjc-echo/target/deploy/lib"),
            SJC_HANDLER,
            Map.of("SJC_APPLICATION", ECHO_APP),
            driver);
    this.bEcho =
        Deployable.inDirectory(
            "B",
            sbs.resolve("ceh-echo/target/deploy/lib"),
            CEH_HANDLER,
            Map.of("CEH_APPLICATION", ECHO_APP),
            driver);
    this.echoEvent = Files.write(work.resolve("echo-event.json"), HarnessEvents.echo());
  }

  /**
   * Runs the harness.
   *
   * @param args {@code [--quick] [--only SECTION,...] [--root DIR] [--work DIR] [--launches N]
   *     [--measured N] [--warmup N] [--rounds N] [--sqs-records N]}; sections: check, size, warm,
   *     cold, books, sqs (check always runs)
   */
  public static void main(String[] args) throws Exception {
    Path root = Path.of("").toAbsolutePath();
    Path work = null;
    boolean quick = false;
    Set<String> only = SECTIONS;
    Map<String, Integer> numbers = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      switch (a) {
        case "--quick" -> quick = true;
        case "--root" -> root = Path.of(args[++i]).toAbsolutePath();
        case "--work" -> work = Path.of(args[++i]);
        case "--only" -> {
          only = new LinkedHashSet<>(List.of(args[++i].split(",")));
          if (!SECTIONS.containsAll(only)) {
            throw new IllegalArgumentException("--only takes " + SECTIONS + ", not " + only);
          }
        }
        case "--warmup", "--measured", "--rounds", "--launches", "--sqs-records" ->
            numbers.put(a, Integer.parseInt(args[++i]));
        default -> throw new IllegalArgumentException("unknown argument " + a);
      }
    }
    Settings base = quick ? Settings.quick(root) : Settings.full(root);
    Settings s =
        new Settings(
            root,
            only,
            numbers.getOrDefault("--warmup", base.warmup()),
            numbers.getOrDefault("--measured", base.measured()),
            numbers.getOrDefault("--rounds", base.rounds()),
            numbers.getOrDefault("--launches", base.launches()),
            numbers.getOrDefault("--sqs-records", base.sqsRecords()),
            base.sqsBodyBytes(),
            base.batchWarmup(),
            base.batchMeasured());
    if (s.rounds() < 1 || s.launches() < 1 || s.measured() < s.rounds()) {
      throw new IllegalArgumentException("rounds and launches ≥ 1, measured ≥ rounds: " + s);
    }
    new SideBySide(s, work != null ? work : Files.createTempDirectory("ceh-side-by-side-")).run();
  }

  void run() throws Exception {
    Instant began = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    System.out.printf(
        "side by side: A = aws-serverless-java-container 3.0.2, B = LambdaHandler; java %s,"
            + " %d processors; %s; work %s%n",
        System.getProperty("java.version"),
        Runtime.getRuntime().availableProcessors(),
        ColdStart.loadAverage(),
        work);
    System.out.println(settings);
    List<String> problems = check();
    if (!problems.isEmpty()) {
      throw new IllegalStateException("A and B do not answer the same: " + problems);
    }
    System.out.println("check: both 200, X-Bench-Filter: ran, the same body");
    if (settings.only().contains("size")) {
      size();
    }
    if (settings.only().contains("warm")) {
      new WarmRuns(this).run();
    }
    if (settings.only().contains("cold")) {
      new ColdRuns(this).echo();
    }
    if (settings.only().contains("books")) {
      new ColdRuns(this).books();
    }
    if (settings.only().contains("sqs")) {
      sqs();
    }
    String table = table(began);
    System.out.println();
    System.out.println(table);
    Path out = work.resolve("side-by-side.md");
    Files.writeString(out, table, StandardCharsets.UTF_8);
    System.out.println("table written to " + out);
  }

  /** Both handlers answer the echo event; returns what differs (empty: the same). */
  List<String> check() throws Exception {
    // both at once: each is a fresh JVM starting Spring Boot
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Future<String> a = pool.submit(() -> checkReply(aEcho, echoEvent));
      String b = checkReply(bEcho, echoEvent);
      System.out.println("A replied " + a.get());
      System.out.println("B replied " + b);
      return ReplyCheck.echo(a.get(), b);
    } finally {
      pool.shutdownNow();
    }
  }

  /** One invocation of a fresh JVM through the driver's {@code check} mode: the reply. */
  String checkReply(Deployable d, Path event) throws Exception {
    List<String> flags = new ArrayList<>(QUIET);
    flags.addAll(C1); // half the start-up CPU of the default JIT; one call needs no C2
    List<String> lines =
        ChildJvm.run(
            d,
            flags,
            List.of("check", d.handlerClass(), event.toString()),
            Map.of(),
            work.resolve("check-" + d.name() + "-" + event.getFileName() + ".log"),
            120_000);
    return lines.stream()
        .filter(l -> l.startsWith("RESPONSE "))
        .map(l -> l.substring("RESPONSE ".length()))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException(d.name() + " printed no reply: " + lines));
  }

  private void size() {
    Figures aJars = new Figures();
    Figures bJars = new Figures();
    Figures aMb = new Figures();
    Figures bMb = new Figures();
    double load = Figures.load();
    aJars.add(aEcho.jars().size(), load);
    bJars.add(bEcho.jars().size(), load);
    aMb.add(aEcho.bytes() / 1e6, load);
    bMb.add(bEcho.bytes() / 1e6, load);
    rows.add(new Row("deployable (app + handler + deps): jars", aJars, bJars, 0, ""));
    rows.add(new Row("deployable: MB (10^6 bytes) of jars", aMb, bMb, 2, ""));
  }

  /**
   * A 10,000-record SQS batch (500-byte bodies) through B into {@link TrivialServlet}: records/s
   * and the heap (see the driver's {@code batch} mode), from {@code benchmarks.jar}.
   */
  private void sqs() throws Exception {
    Path jar = settings.root().resolve("benchmarks/target/benchmarks.jar");
    Deployable b =
        new Deployable(
            "B-sqs",
            List.of(jar),
            CEH_HANDLER,
            Map.of(
                "CEH_APPLICATION",
                TrivialServlet.class.getName(),
                // the batch is ≈ 9.5 MB, over the 6 MB default (Lambda's own payload limit)
                "CEH_MAX_BODY_BYTES",
                Integer.toString(32 << 20)),
            aEcho.driverJar());
    byte[] batch = HarnessEvents.sqsBatch(settings.sqsRecords(), settings.sqsBodyBytes());
    Path event = Files.write(work.resolve("sqs-batch.json"), batch);
    Path gcLog = work.resolve("sqs-gc.log");
    List<String> flags = new ArrayList<>(QUIET);
    flags.addAll(List.of("-Xmx1g", "-Xlog:gc:file=" + gcLog));
    System.out.printf(
        "sqs: %,d records, %d-byte bodies, %,d bytes; -XX:+UseSerialGC -Xmx1g; gc log %s%n",
        settings.sqsRecords(), settings.sqsBodyBytes(), batch.length, gcLog);
    List<String> lines =
        ChildJvm.run(
            b,
            flags,
            List.of(
                "batch",
                CEH_HANDLER,
                event.toString(),
                Integer.toString(settings.batchWarmup()),
                Integer.toString(settings.batchMeasured()),
                "20"),
            Map.of(),
            work.resolve("sqs.log"),
            1_800_000);
    Figures perSecond = new Figures();
    Figures peak = new Figures();
    Figures live = new Figures();
    for (String line : lines) {
      String[] f = line.split(" ");
      if (line.startsWith("BATCH ")) {
        double seconds = Long.parseLong(f[1]) / 1e9;
        double load = Double.parseDouble(f[5]);
        perSecond.add(settings.sqsRecords() / seconds, load);
        peak.add((Long.parseLong(f[3]) - Long.parseLong(f[2])) / 1e6, load);
        System.out.printf(
            "  batch %.0f ms, %,.0f records/s, heap %.1f MB before, peak occupancy %.1f MB,"
                + " %s collections, load %s%n",
            seconds * 1000,
            settings.sqsRecords() / seconds,
            Long.parseLong(f[2]) / 1e6,
            Long.parseLong(f[3]) / 1e6,
            f[4],
            f[5]);
      } else if (line.startsWith("LIVE ")) {
        double growth = (Long.parseLong(f[3]) - Long.parseLong(f[2])) / 1e6;
        live.add(growth, Double.parseDouble(f[5]));
        System.out.printf(
            "  sampled batch %.0f ms, live data grew by %.1f MB at most (%s full collections)%n",
            Long.parseLong(f[1]) / 1e6, growth, f[4]);
      } else if (line.startsWith("RESPONSE ")
          && !line.equals("RESPONSE {\"batchItemFailures\":[]}")) {
        throw new IllegalStateException(
            "the SQS batch was not handled whole: " + ReplyCheck.abbreviate(line));
      }
    }
    Figures none = new Figures();
    rows.add(
        new Row(
            "SQS " + settings.sqsRecords() + " × " + settings.sqsBodyBytes() + " B: records/s",
            none,
            perSecond,
            0,
            "B ≥ 50,000"));
    rows.add(
        new Row("SQS batch: live heap growth, MB (full GC every 20 ms)", none, live, 1, "B ≤ 64"));
    rows.add(
        new Row("SQS batch: peak heap occupancy growth, MB (garbage included)", none, peak, 1, ""));
  }

  private String table(Instant began) {
    StringBuilder t = new StringBuilder();
    t.append("Side by side, ")
        .append(began)
        .append(" → ")
        .append(Instant.now().truncatedTo(ChronoUnit.SECONDS))
        .append(", ")
        .append(ColdStart.loadAverage())
        .append(" at the end; java ")
        .append(System.getProperty("java.version"))
        .append(", ")
        .append(Runtime.getRuntime().availableProcessors())
        .append(" processors\n\n");
    t.append("| measure | A: SJC 3.0.2 | B: LambdaHandler | B/A | target | load A | load B |\n");
    t.append("|---|---:|---:|---:|---|---|---|\n");
    for (Row r : rows) {
      t.append("| ")
          .append(r.measure())
          .append(" | ")
          .append(r.a().format(r.decimals()))
          .append(" | ")
          .append(r.b().format(r.decimals()))
          .append(" | ")
          .append(Figures.ratio(r.b(), r.a()))
          .append(" | ")
          .append(r.target())
          .append(" | ")
          .append(r.a().loadRange())
          .append(" | ")
          .append(r.b().loadRange())
          .append(" |\n");
    }
    t.append("\nmedian (min–max); load: the 1-minute load average while the samples were taken\n");
    for (String note : notes) {
      t.append("\n").append(note).append('\n');
    }
    return t.toString();
  }

  private static Path driverJar(Path sbs) throws IOException {
    Path target = sbs.resolve("driver/target");
    try (Stream<Path> files = Files.exists(target) ? Files.list(target) : Stream.empty()) {
      return files
          .filter(
              p ->
                  p.getFileName()
                      .toString()
                      .matches("cloud-events-handler-benchmarks-driver-.*\\.jar"))
          .findFirst()
          .orElseThrow(
              () ->
                  new IllegalStateException(
                      target + " has no driver jar: build the harness first"));
    }
  }
}
