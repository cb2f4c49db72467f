package io.github.cloudeventshandler.runner;

import io.github.cloudeventshandler.core.AppRequest;
import io.github.cloudeventshandler.core.AppResponse;
import io.github.cloudeventshandler.core.Configuration;
import io.github.cloudeventshandler.core.Headers;
import io.github.cloudeventshandler.core.RequestAttributes;
import io.github.cloudeventshandler.core.classifier.ClassifierRegistry;
import io.github.cloudeventshandler.core.classifier.RawEvent;
import io.github.cloudeventshandler.core.spi.EventPipeline;
import io.github.cloudeventshandler.core.spi.Explanation;
import java.util.Map;
import java.util.Properties;

/**
 * {@code explain}: the route and the requests an event would produce, without the application.
 * Where the entry point hands the classifiers a {@link RawEvent} that can be built from the
 * recording (Lambda, GCP HTTP and CloudEvents, Azure HTTP, plain CloudEvents), that is {@link
 * EventPipeline#explain}. GCP legacy events and Azure triggers are converted inside their entry
 * points, and HTTP entry points answer some requests themselves (the Event Grid handshake, a
 * webhook preflight, a refused signature); for them the real entry point runs against a stand-in
 * that answers every request 200 and records it. The user's application is never called.
 */
final class Explainer {
  private final ProviderDetector detector;
  private final Map<String, String> environment;
  private final Properties properties;
  private final Dispatcher dryRun;

  Explainer(Options options, Map<String, String> environment, Properties properties) {
    this.detector = Session.detector(options);
    this.environment = environment;
    this.properties = properties;
    this.dryRun =
        new Dispatcher(
            s -> Session.configuration(environment, properties, s),
            new AnswerLog(r -> AppResponse.of(200)),
            false);
  }

  /**
   * The explanation text of one event.
   *
   * @throws RuntimeException the classifier's or detector's exception when the event is bad or
   *     unrecognised
   */
  String explain(Incoming in) {
    EntryPoint e = detector.detect(in);
    StringBuilder sb = new StringBuilder();
    sb.append("== ").append(in.label()).append("  (entry point ").append(e.label()).append(")\n");
    String label = "settings: ";
    for (String setting : Settings.describe(environment, properties, in.settings())) {
      sb.append(label).append(setting).append('\n');
      label = " ".repeat(label.length());
    }
    Configuration c = Session.configuration(environment, properties, in.settings());
    RawEvent raw = rawEvent(in, e, c);
    if (raw != null) {
      EventPipeline pipeline =
          EventPipeline.create(c, ClassifierRegistry.load(Explainer.class.getClassLoader()));
      try {
        Explanation x = pipeline.explain(raw);
        sb.append(x.describe());
        if (e.isHttp()) {
          // the entry point checks tokens and signatures before it classifies
          Outcome o = dryRun.deliver(in, e);
          if (o.error() == null && o.exchanges().isEmpty() && o.reply() != null) {
            sb.append("note: the entry point refuses it, no request reaches the application: HTTP ")
                .append(o.reply().status())
                .append(o.reply().bodyLength() > 0 ? ": " + o.reply().bodyText().strip() : "")
                .append('\n');
          }
        }
        return sb.toString();
      } catch (RuntimeException ex) {
        if (!e.isHttp()) {
          throw ex;
        }
        // HTTP entry points answer some requests themselves (Event Grid handshake, webhook
        // preflight, refused tokens or signatures) before any classifier: ask the entry point
      }
    }
    Outcome o = dryRun.deliver(in, e);
    if (o.error() != null) {
      throw o.error();
    }
    if (o.exchanges().isEmpty() && o.reply() != null) {
      return sb.append("no request reaches the application; the entry point answers HTTP ")
          .append(o.reply().status())
          .append(o.reply().bodyLength() > 0 ? ": " + o.reply().bodyText().strip() : "")
          .append('\n')
          .toString();
    }
    sb.append("kind:     ").append(o.kind()).append('\n');
    sb.append("records:  ")
        .append(o.exchanges().size())
        .append(" request(s), dry run through ")
        .append(e.label())
        .append('\n');
    int i = 1;
    for (AnswerLog.Exchange x : o.exchanges()) {
      AppRequest r = x.request();
      sb.append("request ")
          .append(i++)
          .append(": ")
          .append(r.method())
          .append(' ')
          .append(r.target())
          .append("   (kind ")
          .append(r.attributes().getOrDefault(RequestAttributes.KIND, "-"))
          .append(")\n");
      Explanation.describeHeadersAndBody(r, sb);
    }
    return sb.toString();
  }

  /** The raw event the entry point would classify, or null when it converts inside. */
  private static RawEvent rawEvent(Incoming in, EntryPoint e, Configuration c) {
    return switch (e) {
      case LAMBDA -> RawEvent.builder(RawEvent.AWS, in.body()).limits(c.limits()).build();
      case GCP_HTTP, AZURE_HTTP, CLOUDEVENTS_HTTP -> {
        String provider =
            e == EntryPoint.GCP_HTTP
                ? RawEvent.GCP
                : e == EntryPoint.AZURE_HTTP ? RawEvent.AZURE : RawEvent.HTTP;
        Headers h = in.headers();
        if (!in.isHttp() && !h.contains("Content-Type")) {
          h =
              Headers.builder()
                  .add(
                      "Content-Type",
                      e == EntryPoint.CLOUDEVENTS_HTTP
                          ? "application/cloudevents+json; charset=utf-8"
                          : "application/json")
                  .build();
        }
        yield RawEvent.builder(provider, in.body())
            .headers(h)
            .request(
                in.isHttp() ? in.method() : "POST",
                in.isHttp() ? in.path() : e == EntryPoint.AZURE_HTTP ? "/api/events" : "/",
                in.query())
            .limits(c.limits())
            .build();
      }
      case GCP_CLOUDEVENTS ->
          RawEvent.builder(RawEvent.GCP, in.body())
              .headers(
                  Headers.builder()
                      .add("Content-Type", "application/cloudevents+json; charset=utf-8")
                      .build())
              .request("POST", "/", null)
              .limits(c.limits())
              .build();
      default -> null;
    };
  }
}
