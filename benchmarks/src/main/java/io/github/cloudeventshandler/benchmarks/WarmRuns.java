package io.github.cloudeventshandler.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The warm section of {@link SideBySide}: per JIT (default, C1 only) and per pacing (back to back,
 * 1 ms pause before each invocation), four child JVMs in the order A, B, B, A, each running the
 * driver's {@code warm} mode: the warm-up, then the measured invocations in rounds. Every round
 * gives µs per invocation (wall) and, back to back, CPU µs per invocation of the whole process.
 */
final class WarmRuns {
  private final SideBySide h;

  WarmRuns(SideBySide h) {
    this.h = h;
  }

  /** A's and B's wall and CPU samples of one configuration. */
  private record Samples(Figures aWall, Figures bWall, Figures aCpu, Figures bCpu) {}

  void run() throws Exception {
    List<SideBySide.Row> wall = new ArrayList<>();
    List<SideBySide.Row> paused = new ArrayList<>();
    List<SideBySide.Row> cpu = new ArrayList<>();
    for (boolean c1 : new boolean[] {false, true}) {
      String jit = c1 ? "C1 only" : "default JIT";
      Samples b2b = measure(c1, 0);
      wall.add(
          new SideBySide.Row(
              "warm µs/invocation, back to back, " + jit, b2b.aWall(), b2b.bWall(), 1, "≤ 0.67"));
      cpu.add(
          new SideBySide.Row(
              "CPU µs/invocation (all threads), back to back, " + jit,
              b2b.aCpu(),
              b2b.bCpu(),
              1,
              ""));
      Samples pause = measure(c1, 1000);
      paused.add(
          new SideBySide.Row(
              "warm µs/invocation, 1 ms pause before each, " + jit,
              pause.aWall(),
              pause.bWall(),
              1,
              "≤ 0.67"));
    }
    h.rows.addAll(wall);
    h.rows.addAll(paused);
    h.rows.addAll(cpu);
  }

  private Samples measure(boolean c1, long pauseMicros) throws Exception {
    SideBySide.Settings s = h.settings;
    Samples samples = new Samples(new Figures(), new Figures(), new Figures(), new Figures());
    List<String> flags = new ArrayList<>(SideBySide.QUIET);
    if (c1) {
      flags.addAll(SideBySide.C1);
    }
    String what =
        (c1 ? "C1 only" : "default JIT") + (pauseMicros > 0 ? ", 1 ms pause" : ", back to back");
    // a generous bound: 2 ms per invocation beyond the pause, and two minutes to start
    long timeout = 120_000 + (long) (s.warmup() + s.measured()) * (pauseMicros / 1000 + 2);
    int jvm = 0;
    for (Deployable d : List.of(h.aEcho, h.bEcho, h.bEcho, h.aEcho)) {
      jvm++;
      List<String> lines =
          ChildJvm.run(
              d,
              flags,
              List.of(
                  "warm",
                  d.handlerClass(),
                  h.echoEvent.toString(),
                  Integer.toString(s.warmup()),
                  Integer.toString(s.measured()),
                  Integer.toString(s.rounds()),
                  Long.toString(pauseMicros)),
              Map.of(),
              h.work.resolve(
                  "warm-"
                      + (c1 ? "c1" : "jit")
                      + "-"
                      + pauseMicros
                      + "-"
                      + jvm
                      + d.name()
                      + ".log"),
              timeout);
      boolean a = d == h.aEcho;
      StringBuilder report = new StringBuilder();
      for (String line : lines) {
        if (!line.startsWith("ROUND ")) {
          continue;
        }
        String[] f = line.split(" ");
        long n = Long.parseLong(f[1]);
        double wallMicros = Long.parseLong(f[2]) / 1000.0 / n;
        double cpuMicros = Long.parseLong(f[3]) / 1000.0 / n;
        double load = Double.parseDouble(f[4]);
        (a ? samples.aWall() : samples.bWall()).add(wallMicros, load);
        (a ? samples.aCpu() : samples.bCpu()).add(cpuMicros, load);
        report.append(
            String.format(Locale.ROOT, " %.1f/%.1f (load %.2f)", wallMicros, cpuMicros, load));
      }
      System.out.printf("warm %s, %s: µs wall/cpu per round:%s%n", what, d.name(), report);
    }
    return samples;
  }
}
