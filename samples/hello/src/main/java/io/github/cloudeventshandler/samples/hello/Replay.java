package io.github.cloudeventshandler.samples.hello;

import io.github.cloudeventshandler.conformance.ConformanceCase;
import io.github.cloudeventshandler.conformance.ConformanceCorpus;
import io.github.cloudeventshandler.core.AppRequest;
import io.github.cloudeventshandler.core.AppResponse;
import io.github.cloudeventshandler.core.CloudEventsHandlerException;
import io.github.cloudeventshandler.core.Configuration;
import io.github.cloudeventshandler.core.classifier.ClassifiedEvent;
import io.github.cloudeventshandler.core.classifier.ClassifierRegistry;
import io.github.cloudeventshandler.core.classifier.RawEvent;
import io.github.cloudeventshandler.core.spi.DispatchResult;
import io.github.cloudeventshandler.core.spi.EventPipeline;
import io.github.cloudeventshandler.core.spi.RecordOutcome;
import io.github.cloudeventshandler.servlet.ServletApplication;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Replays recorded events into {@link HelloServlet} through core ({@link EventPipeline}: classify,
 * then dispatch) and the servlet bridge (embedded Jetty, no port), and prints one tab-separated
 * line per request: file, kind, route, status, response body. Events that are rejected before the
 * app is called print {@code error} and the reason instead.
 *
 * <pre>{@code
 * mvn -q -f samples/hello exec:java                                    # every cloudevents case
 * mvn -q -f samples/hello exec:java -Dexec.args="cloudevents/sdk-java/json-data aws"
 * }</pre>
 *
 * <p>Arguments select cases: a provider ({@code cloudevents}), a provider and source ({@code
 * cloudevents/sdk-java}) or one case id. The events come from the conformance jar on the classpath.
 * Settings ({@code CEH_PAYLOAD}, {@code CEH_ROUTES}, ...) are read from the environment.
 */
public final class Replay {
  private Replay() {}

  /** Replays the selected cases (default: {@code cloudevents}) and prints the outcomes. */
  public static void main(String[] args) {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    run(
        args.length == 0 ? List.of("cloudevents") : Arrays.asList(args),
        Configuration.fromEnvironment(),
        out);
  }

  /**
   * Replays the selected cases into a freshly started {@link HelloServlet}.
   *
   * @return the number of requests the app answered 2xx
   */
  static int run(List<String> selection, Configuration settings, PrintStream out) {
    Configuration configuration = settings.toBuilder().application(HelloServlet.class).build();
    EventPipeline pipeline =
        EventPipeline.create(configuration, ClassifierRegistry.load(Replay.class.getClassLoader()));
    int handled = 0;
    try (ServletApplication app = ServletApplication.start(HelloServlet.class, configuration)) {
      for (ConformanceCase c : select(selection)) {
        handled += replay(c, pipeline, app, out);
      }
    }
    return handled;
  }

  private static int replay(
      ConformanceCase c, EventPipeline pipeline, ServletApplication app, PrintStream out) {
    String file = c.provider() + "/" + c.source() + "/" + c.name() + ".json";
    ClassifiedEvent event;
    List<AppRequest> requests;
    DispatchResult result;
    try {
      event = pipeline.classify(c.rawEvent(rawProvider(c)));
      requests = pipeline.requests(event, null, pipeline.configuration().timeout());
      result = pipeline.dispatch(event, app, null, pipeline.configuration().timeout());
    } catch (CloudEventsHandlerException e) {
      out.println(
          String.join(
              "\t",
              file,
              "error",
              "-",
              "-",
              oneLine(e.getClass().getSimpleName() + ": " + e.getMessage())));
      return 0;
    }
    int handled = 0;
    for (int i = 0; i < result.outcomes().size(); i++) {
      RecordOutcome o = result.outcomes().get(i);
      // the path the app was called with: after route overrides and the path prefix
      String route = requests.get(Math.min(i, requests.size() - 1)).path();
      AppResponse response =
          o instanceof RecordOutcome.Handled h
              ? h.response()
              : o instanceof RecordOutcome.Failed f ? f.response() : null;
      String status = response == null ? "-" : String.valueOf(response.status());
      String body =
          response != null
              ? response.bodyText().strip()
              : o instanceof RecordOutcome.Failed f
                  ? f.reason()
                  : ((RecordOutcome.Skipped) o).reason();
      out.println(String.join("\t", file, event.kind(), route, status, oneLine(body)));
      handled += o.isHandled() ? 1 : 0;
    }
    return handled;
  }

  /** Keeps one request per output line: line breaks and tabs in a body are escaped. */
  static String oneLine(String text) {
    return text.replace("\\", "\\\\")
        .replace("\r", "\\r")
        .replace("\n", "\\n")
        .replace("\t", "\\t");
  }

  /** The {@link RawEvent} provider an entry point would use for the case. */
  private static String rawProvider(ConformanceCase c) {
    if (c.entryPoint().equals("cloudevents-http")) {
      return RawEvent.HTTP;
    }
    return switch (c.provider()) {
      case "aws" -> RawEvent.AWS;
      case "gcp" -> RawEvent.GCP;
      case "azure" -> RawEvent.AZURE;
      default -> RawEvent.HTTP;
    };
  }

  private static List<ConformanceCase> select(List<String> selection) {
    List<String> index = ConformanceCorpus.index();
    List<ConformanceCase> out = new ArrayList<>();
    for (String s : selection) {
      List<String> ids =
          index.stream().filter(id -> id.equals(s) || id.startsWith(s + "/")).toList();
      if (ids.isEmpty()) {
        throw new IllegalArgumentException(
            "no recorded event matches '"
                + s
                + "'; try a provider (cloudevents), a source"
                + " (cloudevents/sdk-java) or a case id from conformance/index.txt");
      }
      ids.forEach(id -> out.add(ConformanceCorpus.get(id)));
    }
    return out;
  }
}
