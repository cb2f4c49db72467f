package io.github.cloudeventshandler.benchmarks;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The cold-start sections of {@link SideBySide}: launch → first response of a fresh JVM, through a
 * plain {@code main} (the driver's {@code cold} mode) and through the real runtime interface client
 * against the loopback Runtime API of {@link ColdStart}, default JIT, C1 only, and C1 with an
 * AppCDS archive trained for each side on its own class path (B: {@code ColdStartTraining}, the
 * recipe of {@code aws/README.md}; A: the driver's {@code train} mode, which does the same: one
 * handler, the same event, a normal exit). One untimed launch per variant and side first (page
 * cache; with an archive, {@code -Xshare:on}, so a rejected archive fails the run instead of timing
 * a launch without it); then rounds, each launching every variant for both sides, A first in odd
 * rounds and B first in even ones.
 */
final class ColdRuns {
  /** A way to launch. */
  record Variant(String name, String id, boolean ric, boolean c1, boolean cds) {}

  static final List<Variant> ECHO =
      List.of(
          new Variant("plain main, default JIT", "main", false, false, false),
          new Variant("plain main, C1", "main-c1", false, true, false),
          new Variant("runtime client, default JIT", "ric", true, false, false),
          new Variant("runtime client, C1", "ric-c1", true, true, false),
          new Variant("plain main, C1 + AppCDS", "main-c1-cds", false, true, true),
          new Variant("runtime client, C1 + AppCDS", "ric-c1-cds", true, true, true));

  static final List<Variant> BOOKS =
      List.of(
          new Variant("runtime client, C1", "ric-c1", true, true, false),
          new Variant("runtime client, C1 + AppCDS", "ric-c1-cds", true, true, true));

  private static final String TRAINING = "io.github.cloudeventshandler.aws.ColdStartTraining";
  private static final long TIMEOUT_MS = 120_000;

  private final SideBySide h;
  private final String ric;

  ColdRuns(SideBySide h) throws Exception {
    this.h = h;
    Path file = h.settings.root().resolve("benchmarks/target/runtime-client.classpath");
    this.ric = Files.readString(file).trim();
  }

  /** The echo app, every variant. */
  void echo() throws Exception {
    Map<Variant, Figures[]> figures =
        measure(h.aEcho, h.bEcho, ECHO, h.echoEvent, (a, b) -> ReplyCheck.echo(a, b), "echo");
    for (Variant v : ECHO) {
      String target = v.cds() ? "≤ 0.7" : v.equals(ECHO.get(1)) ? "≤ 1.0" : "";
      Figures[] f = figures.get(v);
      h.rows.add(new SideBySide.Row("cold ms, " + v.name(), f[0], f[1], 0, target));
    }
  }

  /**
   * The books sample ({@code GET /books}): B is the deployment {@code samples/books} builds, A is
   * {@code sjc-books} (the same jars, plus aws-serverless-java-container and its handler) when
   * aws-serverless-java-container can run the app unchanged; otherwise a note says why not.
   */
  void books() throws Exception {
    Path sbs = h.settings.root().resolve("benchmarks/side-by-side");
    Path driver = h.aEcho.driverJar();
    Deployable a =
        Deployable.inDirectory(
            "A-books",
            sbs.resolve("sjc-books/target/deploy/lib"),
            SideBySide.SJC_HANDLER,
            Map.of("SJC_APPLICATION", SideBySide.BOOKS_APP),
            driver);
    Deployable b = booksAsShipped(h.settings.root().resolve("samples/books/target"), driver);
    List<String> aJars = a.jars().stream().map(p -> p.getFileName().toString()).toList();
    for (Path jar : b.jars()) {
      if (!aJars.contains(jar.getFileName().toString())) {
        throw new IllegalStateException(
            "A does not run the books app on the jars it ships with: no " + jar.getFileName());
      }
    }
    Path event = Files.write(h.work.resolve("books-event.json"), HarnessEvents.getBooks());
    String bReply = h.checkReply(b, event);
    System.out.println("books: B replied " + bReply);
    Deployable aOrNull = a;
    try {
      String aReply = h.checkReply(a, event);
      System.out.println("books: A replied " + aReply);
      List<String> problems = ReplyCheck.sameBody(aReply, bReply);
      if (!problems.isEmpty()) {
        throw new IllegalStateException("books: A and B answer differently: " + problems);
      }
    } catch (IllegalStateException e) {
      if (e.getMessage().startsWith("books:")) {
        throw e;
      }
      aOrNull = null;
      h.notes.add(
          "books: aws-serverless-java-container could not run the books app unchanged: "
              + ReplyCheck.abbreviate(e.getMessage()));
      System.out.println(h.notes.get(h.notes.size() - 1));
    }
    h.rows.add(size("books deployable: jars", a, b, true));
    h.rows.add(size("books deployable: MB of jars", a, b, false));
    Map<Variant, Figures[]> figures =
        measure(aOrNull, b, BOOKS, event, (x, y) -> ReplyCheck.sameBody(x, y), "books");
    for (Variant v : BOOKS) {
      Figures[] f = figures.get(v);
      h.rows.add(new SideBySide.Row("books cold ms, " + v.name(), f[0], f[1], 0, ""));
    }
  }

  /**
   * B for the books sample: the Lambda deployment {@code samples/books} builds ({@code
   * target/lambda/lib}), with the books jar instead of the class directory beside it (AppCDS
   * archives classes from jars only).
   */
  private static Deployable booksAsShipped(Path target, Path driver) throws Exception {
    List<Path> jars =
        new ArrayList<>(
            Deployable.inDirectory(
                    "B-books",
                    target.resolve("lambda/lib"),
                    SideBySide.CEH_HANDLER,
                    Map.of(),
                    driver)
                .jars());
    try (var files = Files.list(target)) {
      jars.add(
          files
              .filter(
                  p ->
                      p.getFileName()
                          .toString()
                          .matches("cloud-events-handler-sample-books-.*\\.jar"))
              .findFirst()
              .orElseThrow(
                  () -> new IllegalStateException(target + " has no books jar: build it first")));
    }
    jars.sort(Comparator.comparing(p -> p.getFileName().toString()));
    return new Deployable(
        "B-books",
        jars,
        SideBySide.CEH_HANDLER,
        Map.of("CEH_APPLICATION", SideBySide.BOOKS_APP),
        driver);
  }

  private static SideBySide.Row size(String measure, Deployable a, Deployable b, boolean count) {
    Figures fa = new Figures();
    Figures fb = new Figures();
    double load = Figures.load();
    fa.add(count ? a.jars().size() : a.bytes() / 1e6, load);
    fb.add(count ? b.jars().size() : b.bytes() / 1e6, load);
    return new SideBySide.Row(measure, fa, fb, count ? 0 : 2, "");
  }

  /**
   * Every variant for A (when not null) and B: {@code [A, B]} samples (ms) per variant. The first
   * timed response of A and B per variant must pass {@code compare}; every response must be 200.
   */
  private Map<Variant, Figures[]> measure(
      Deployable a,
      Deployable b,
      List<Variant> variants,
      Path eventFile,
      BiFunction<String, String, List<String>> compare,
      String label)
      throws Exception {
    byte[] event = Files.readAllBytes(eventFile);
    List<Deployable> sides = a == null ? List.of(b) : List.of(a, b);
    Map<String, Path> archives = new HashMap<>();
    for (Variant v : variants) {
      if (v.cds()) {
        for (Deployable d : sides) {
          archives.put(key(v, d), train(d, v.ric(), eventFile));
        }
      }
    }
    Map<Variant, Figures[]> figures = new LinkedHashMap<>();
    Map<String, String> first = new HashMap<>();
    for (Variant v : variants) {
      figures.put(v, new Figures[] {new Figures(), new Figures()});
      for (Deployable d : sides) {
        launch(v, d, archives.get(key(v, d)), event, eventFile, true); // untimed
      }
    }
    System.out.printf(
        "%s cold starts: %d launches per variant and side, %s%n",
        label, h.settings.launches(), ColdStart.loadAverage());
    for (int round = 1; round <= h.settings.launches(); round++) {
      List<Deployable> order = new ArrayList<>(sides);
      if (round % 2 == 0) {
        Collections.reverse(order);
      }
      for (Variant v : variants) {
        for (Deployable d : order) {
          long[] ms = new long[2];
          String response = launch(v, d, archives.get(key(v, d)), event, eventFile, false, ms);
          double load = Figures.load();
          figures.get(v)[d == a ? 0 : 1].add(ms[0], load);
          first.putIfAbsent(key(v, d), response);
          System.out.printf(
              "round %d %-8s %-30s %5d ms, cpu %5d ms (load %.2f)%n",
              round, d.name(), v.name(), ms[0], ms[1], load);
        }
      }
    }
    if (a != null) {
      for (Variant v : variants) {
        List<String> problems = compare.apply(first.get(key(v, a)), first.get(key(v, b)));
        if (!problems.isEmpty()) {
          throw new IllegalStateException(label + " " + v.name() + ": " + problems);
        }
      }
    }
    return figures;
  }

  private static String key(Variant v, Deployable d) {
    return d.name() + "-" + v.id();
  }

  private String launch(
      Variant v, Deployable d, Path archive, byte[] event, Path eventFile, boolean untimed)
      throws Exception {
    return launch(v, d, archive, event, eventFile, untimed, new long[2]);
  }

  /** One launch; {@code ms} receives launch → response and the CPU time, both in ms. */
  private String launch(
      Variant v,
      Deployable d,
      Path archive,
      byte[] event,
      Path eventFile,
      boolean untimed,
      long[] ms)
      throws Exception {
    List<String> flags = new ArrayList<>(SideBySide.QUIET);
    if (untimed && v.cds()) {
      flags.add("-Xshare:on"); // the archive must be accepted, or this launch fails
    }
    String response;
    if (v.ric()) {
      Map<String, String> env = new HashMap<>(d.env());
      String options =
          (v.c1() ? ColdStart.C1 : "") + (v.cds() ? " -XX:SharedArchiveFile=" + archive : "");
      if (!options.isBlank()) {
        env.put("JAVA_TOOL_OPTIONS", options.strip());
      }
      ColdStart.Launch l =
          ColdStart.launch(
              new ColdStart.Variant(
                  key(v, d), ric + File.pathSeparator + d.classpath(), d.runtimeHandler(), env),
              event,
              h.work,
              flags);
      ms[0] = l.responseMillis();
      ms[1] = l.cpuMillis();
      response = l.response();
    } else {
      if (v.c1()) {
        flags.addAll(SideBySide.C1);
      }
      if (v.cds()) {
        flags.add("-XX:SharedArchiveFile=" + archive);
      }
      ChildJvm.Cold c =
          ChildJvm.cold(d, flags, eventFile, h.work.resolve(key(v, d) + ".log"), TIMEOUT_MS);
      ms[0] = c.millis();
      ms[1] = c.cpuMillis();
      response = c.response();
    }
    ReplyCheck.Reply r = ReplyCheck.Reply.parse(response);
    if (r.status() != 200) {
      throw new IllegalStateException(d.name() + " " + v.name() + " answered " + response);
    }
    return response;
  }

  /** The AppCDS archive of one side and launcher, trained on the very class path it will run. */
  private Path train(Deployable d, boolean viaRic, Path eventFile) throws Exception {
    String cp = viaRic ? ric + File.pathSeparator + d.classpath() : d.classpath();
    List<String> main =
        d.handlerClass().equals(SideBySide.CEH_HANDLER)
            ? List.of(TRAINING, eventFile.toString())
            : List.of(ChildJvm.DRIVER, "train", d.handlerClass(), eventFile.toString());
    return ColdStart.trainArchive(
        cp,
        main,
        d.env(),
        h.work.resolve(
            d.name() + (viaRic ? "-ric" : "-main") + "-" + eventFile.getFileName() + ".jsa"));
  }
}
