package io.github.cloudeventshandler.runner;

import io.github.cloudeventshandler.conformance.ConformanceCorpus;
import io.github.cloudeventshandler.core.AppRequest;
import io.github.cloudeventshandler.core.AppResponse;
import io.github.cloudeventshandler.core.ConfigurationException;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;

/**
 * The local runner: replays recorded events of any cloud through the real entry points into a
 * servlet application, serves the application on loopback with an ingress for raw events, and
 * explains routes. No SAM, Docker or Azure Core Tools.
 *
 * <pre>{@code
 * java -jar cloud-events-handler-runner.jar replay --app com.example.HelloServlet \
 *     --classpath target/classes aws/s3/s3-put-sam gcp/storage azure/eventgrid events/*.json
 * }</pre>
 *
 * <p>Exit codes: 0 every event handled, 1 some event failed (the entry point threw or answered
 * 4xx/5xx, or the application answered non-2xx), 2 usage or configuration error (unknown option,
 * missing file, application not found).
 */
public final class Runner {
  /** Replay prints a progress line on stderr for more events than this (or on a terminal). */
  static final int PROGRESS_THRESHOLD = 20;

  static final String USAGE =
      """
      Usage: java -jar cloud-events-handler-runner.jar <command> [options] [FILE|DIR|CORPUS-ID ...]

      Commands:
        replay FILE...   run each recorded event through its cloud's real entry point into the app;
                         one line per event: file, provider/entry point, kind, route, status, answer
        serve            serve the app on http://127.0.0.1:PORT; raw events of any cloud go to
                         POST /_ceh/events, every other path is the app's own
        explain FILE...  print the route and the requests an event would produce; the app is not run
        list [PREFIX]    list the conformance corpus ids (e.g. list aws/s3)

      FILE is a file, a directory (every *.json below it, sidecars *.expected.json skipped), or a
      conformance corpus id or prefix: aws/s3/s3-put-sam, gcp/storage, azure.

      Options:
        --app CLASS          the application: a Servlet, ServletContainerInitializer or
                             SpringBootServletInitializer subclass (default: CEH_APPLICATION)
        --classpath PATH     where the app's classes and jars are (separated by '%s')
        --provider P         aws|gcp|azure|http: for plain CloudEvents (default http) and for events
                             no detection rule recognises
        --port N             serve: the port on 127.0.0.1 (default 8080, 0 = any free port)
        --then-get PATH      replay: at the end, print the app's answer to GET PATH (e.g. /books)
        --allow-callbacks    let CloudFormation events PUT to a non-loopback ResponseURL
        --width N            characters of the answer to print (default 100)
        --quiet              no progress line
        --verbose            log each invocation (INFO)
        --help               this text

      Settings: CEH_* environment variables or -Dceh.* system properties, as on the clouds.
      The runner sets CEH_PUBSUB_AUTH=off unless you set it (recorded pushes carry no token).
      Exit codes: 0 all handled, 1 some event failed, 2 usage or configuration error.
      """
          .formatted(java.io.File.pathSeparator);

  /** Set by the shutdown hook of {@code serve}. */
  private static volatile boolean shuttingDown;

  private Runner() {}

  /** Runs a command and exits with its code; {@code serve} runs until Ctrl-C. */
  public static void main(String[] args) {
    boolean verbose = List.of(args).contains("--verbose") || List.of(args).contains("-v");
    // one log format on stderr: slf4j-simple, also for the Azure ExecutionContext logger
    // (AzureTriggers.LOG); stdout holds only the result lines
    defaultProperty("org.slf4j.simpleLogger.defaultLogLevel", verbose ? "info" : "warn");
    defaultProperty("org.slf4j.simpleLogger.showThreadName", "false");
    defaultProperty("org.slf4j.simpleLogger.showShortLogName", "true");
    System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
    int code = run(args, System.out, System.err, System.getenv(), System.getProperties());
    if (!shuttingDown) {
      // during Ctrl-C the JVM is already exiting; System.exit would wait for the hooks forever
      System.exit(code);
    }
  }

  private static void defaultProperty(String name, String value) {
    if (System.getProperty(name) == null) {
      System.setProperty(name, value);
    }
  }

  /**
   * Runs a command.
   *
   * @return the exit code: 0 ok, 1 some event failed, 2 usage or configuration error
   */
  static int run(
      String[] args,
      PrintStream out,
      PrintStream err,
      Map<String, String> environment,
      Properties properties) {
    Options options;
    try {
      options = Options.parse(args);
    } catch (Options.UsageException e) {
      err.println("error: " + e.getMessage());
      err.println("(java -jar cloud-events-handler-runner.jar --help)");
      return 2;
    }
    try {
      return switch (options.command()) {
        case "help" -> {
          out.print(USAGE);
          yield 0;
        }
        case "list" -> list(options, out);
        case "explain" -> explain(options, out, err, environment, properties);
        case "replay" -> replay(options, out, err, environment, properties);
        case "serve" -> serve(options, out, err, environment, properties, new CountDownLatch(1));
        default -> throw new IllegalStateException(options.command());
      };
    } catch (EventFiles.NotFound | ConfigurationException e) {
      err.println("error: " + e.getMessage());
      return 2;
    }
  }

  private static int list(Options options, PrintStream out) {
    List<String> ids =
        options.files().isEmpty()
            ? ConformanceCorpus.index()
            : options.files().stream().flatMap(f -> EventFiles.corpusIds(f).stream()).toList();
    ids.forEach(out::println);
    return 0;
  }

  private static int explain(
      Options options,
      PrintStream out,
      PrintStream err,
      Map<String, String> environment,
      Properties properties) {
    List<Incoming> events = EventFiles.read(options.files());
    Explainer explainer = new Explainer(options, environment, properties);
    int failed = 0;
    for (Incoming in : events) {
      try {
        out.print(explainer.explain(in));
      } catch (RuntimeException e) {
        failed++;
        out.println("== " + in.label());
        out.println("error: " + e.getClass().getSimpleName() + ": " + e.getMessage());
      }
    }
    return failed == 0 ? 0 : 1;
  }

  private static int replay(
      Options options,
      PrintStream out,
      PrintStream err,
      Map<String, String> environment,
      Properties properties) {
    List<Incoming> events = EventFiles.read(options.files());
    boolean progress = !options.quiet() && (interactive() || events.size() > PROGRESS_THRESHOLD);
    int failed = 0;
    if (progress) {
      err.println(
          "starting the application "
              + Session.applicationName(options, environment, properties)
              + " ...");
    }
    try (Session session = Session.start(options, environment, properties)) {
      for (int i = 0; i < events.size(); i++) {
        Incoming in = events.get(i);
        if (progress) {
          err.println("[" + (i + 1) + "/" + events.size() + "] " + in.label());
        }
        Outcome o = session.deliver(in);
        if (o.failed()) {
          failed++;
        }
        out.println(o.line(options.width()));
        if (!in.settings().isEmpty()) {
          out.println(
              Outcome.DETAIL
                  + "settings: "
                  + Settings.list(in.settings())
                  + " (this corpus case's own)");
        }
        o.details(options.width()).forEach(out::println);
      }
      out.println(
          events.size()
              + " event(s), "
              + (events.size() - failed)
              + " handled, "
              + failed
              + " failed");
      if (options.thenGet() != null) {
        thenGet(session, options.thenGet(), out);
      }
    }
    return failed == 0 ? 0 : 1;
  }

  /** {@code --then-get}: what the app answers to {@code GET path} after the replay. */
  private static void thenGet(Session session, String target, PrintStream out) {
    int q = target.indexOf('?');
    AppRequest request =
        AppRequest.builder("GET", q < 0 ? target : target.substring(0, q))
            .query(q < 0 ? null : target.substring(q + 1))
            .header("Accept", "application/json, text/plain, */*")
            .build();
    AppResponse r = session.application().call(request);
    out.println("GET " + target + " -> " + r.status());
    out.println(r.bodyText());
  }

  /**
   * Whether a terminal is attached: {@code System.console()} on Java 17; on Java 22+, where a
   * console exists even when redirected, also its {@code isTerminal()}.
   */
  static boolean interactive() {
    java.io.Console c = System.console();
    if (c == null) {
      return false;
    }
    try {
      return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(c);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return true;
    }
  }

  /** Serves until {@code stop} counts down or the JVM shuts down (Ctrl-C). */
  static int serve(
      Options options,
      PrintStream out,
      PrintStream err,
      Map<String, String> environment,
      Properties properties,
      CountDownLatch stop) {
    Session session = Session.start(options, environment, properties);
    LocalServer server;
    try {
      server =
          LocalServer.start(
              session,
              Session.configuration(environment, properties, Map.of()),
              options.port(),
              err);
    } catch (Exception e) {
      session.close();
      err.println("error: cannot listen on 127.0.0.1:" + options.port() + ": " + e.getMessage());
      return 2;
    }
    Thread hook =
        new Thread(
            () -> {
              shuttingDown = true;
              stop.countDown();
              shutdown(server, session);
            },
            "ceh-runner-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    LocalServer.banner(server.port()).forEach(out::println);
    out.flush();
    try {
      stop.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // already shutting down: the hook stops everything
      return 0;
    }
    shutdown(server, session);
    return 0;
  }

  private static void shutdown(LocalServer server, Session session) {
    try {
      server.close();
    } catch (RuntimeException e) {
      // stop the application anyway
    }
    session.close();
  }
}
