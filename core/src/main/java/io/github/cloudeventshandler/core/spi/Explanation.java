package io.github.cloudeventshandler.core.spi;

import io.github.cloudeventshandler.core.AppRequest;
import io.github.cloudeventshandler.core.RouteOverrides;
import io.github.cloudeventshandler.core.classifier.ClassifiedEvent;
import java.util.List;
import java.util.Objects;

/**
 * What an event would do, without dispatching it: its classification, the route each record takes
 * and why, and the requests the application would receive.
 *
 * @param event the classification
 * @param decisions one route decision per request
 * @param requests the requests, in dispatch order
 */
public record Explanation(
    ClassifiedEvent event, List<RouteOverrides.Decision> decisions, List<AppRequest> requests) {

  /** Validates and copies. */
  public Explanation {
    Objects.requireNonNull(event, "event");
    decisions = List.copyOf(decisions);
    requests = List.copyOf(requests);
  }

  /** A human-readable, multi-line description. */
  public String describe() {
    StringBuilder sb = new StringBuilder();
    sb.append("provider: ")
        .append(event.provider())
        .append('\n')
        .append("kind:     ")
        .append(event.kind())
        .append('\n')
        .append("delivery: ")
        .append(event.delivery())
        .append('\n')
        .append("reply:    ")
        .append(event.reply().name())
        .append('\n')
        .append("records:  ")
        .append(event.records().size())
        .append('\n');
    for (int i = 0; i < requests.size(); i++) {
      AppRequest r = requests.get(i);
      sb.append("request ")
          .append(i + 1)
          .append(": ")
          .append(r.method())
          .append(' ')
          .append(r.target())
          .append("   (route rule: ")
          .append(decisions.get(i).rule())
          .append(")\n");
      describeHeadersAndBody(r, sb);
    }
    return sb.toString();
  }

  /**
   * Appends a request's header fields, one per line indented by four spaces, and its body length:
   * the one layout of a request in {@link #describe()} and the runner's {@code explain}.
   */
  public static void describeHeadersAndBody(AppRequest r, StringBuilder sb) {
    r.headers()
        .fields()
        .forEach(
            f ->
                sb.append("    ")
                    .append(f.getKey())
                    .append(": ")
                    .append(f.getValue())
                    .append('\n'));
    sb.append("    (").append(r.bodyLength()).append(" bytes of body)\n");
  }
}
