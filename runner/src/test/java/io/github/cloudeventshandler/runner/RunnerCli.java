package io.github.cloudeventshandler.runner;

import io.github.cloudeventshandler.samples.hello.HelloServlet;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/** Runs {@link Runner#run} in-process and keeps exit code, stdout and stderr. */
record RunnerCli(int code, String out, String err) {
  static final String HELLO = HelloServlet.class.getName();

  /** The runner with these arguments and these {@code CEH_*} variables as the environment. */
  static RunnerCli run(Map<String, String> environment, String... args) {
    return run(environment, new Properties(), args);
  }

  /** The runner with this environment and these system properties ({@code -Dceh.*}). */
  static RunnerCli run(Map<String, String> environment, Properties properties, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      code = Runner.run(args, o, e, new HashMap<>(environment), properties);
    }
    return new RunnerCli(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  static RunnerCli run(String... args) {
    return run(Map.of(), args);
  }

  /** {@code replay --app HelloServlet args…}. */
  static RunnerCli replayHello(String... args) {
    List<String> a = new ArrayList<>(List.of("replay", "--quiet", "--app", HELLO));
    a.addAll(List.of(args));
    return run(a.toArray(String[]::new));
  }

  /** The detail lines under the summary line of {@code label} (indented, up to the next event). */
  List<String> detailsOf(String label) {
    List<String> out = new ArrayList<>();
    boolean in = false;
    for (String l : this.out.lines().toList()) {
      if (l.startsWith(label + "  ")) {
        in = true;
      } else if (in && l.startsWith(Outcome.DETAIL)) {
        out.add(l.substring(Outcome.DETAIL.length()));
      } else {
        in = false;
      }
    }
    return out;
  }

  /** The stdout lines that start with {@code label}. */
  List<String> linesOf(String label) {
    return out.lines().filter(l -> l.startsWith(label + "  ")).toList();
  }
}
