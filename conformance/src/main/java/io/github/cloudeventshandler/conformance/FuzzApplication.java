package io.github.cloudeventshandler.conformance;

import io.github.cloudeventshandler.core.AppRequest;
import io.github.cloudeventshandler.core.AppResponse;
import io.github.cloudeventshandler.core.Application;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The application behind a fuzz target: it accepts everything, so any failure an entry point
 * reports is the entry point's own. Every request is first checked against the bridge's request
 * rules ({@link FuzzInvariant#checkRequest}); then either answered {@code 200 {}} at once ({@link
 * #rules()}: the classify-and-build layer, no Jetty) or sent through the real bridge to a {@link
 * RecordingServlet} ({@link #throughBridge}), where it must reach the servlet as it was built — a
 * request the rules accept that Jetty refuses means the rules and Jetty disagree.
 *
 * <pre>{@code
 * ServletApplication bridge = ServletApplication.start(RecordingServlet.class, configuration);
 * FuzzApplication app = FuzzApplication.throughBridge(bridge);
 * app.reset();   // before each run
 * }</pre>
 *
 * <p>Violations are thrown as {@link AssertionError}, which no entry point catches. One run at a
 * time: the {@link RecordingServlet} record is static.
 */
public final class FuzzApplication implements Application {
  private static final String JSON = "application/json";

  private final Application bridge;
  private final AtomicInteger calls = new AtomicInteger();
  private final AtomicLong servletCalls = new AtomicLong();

  private FuzzApplication(Application bridge) {
    this.bridge = bridge;
  }

  /** Checks each request and answers {@code 200 {}} without Jetty. */
  public static FuzzApplication rules() {
    return new FuzzApplication(null);
  }

  /**
   * Checks each request and sends it through {@code bridge}, a servlet application running {@link
   * RecordingServlet}.
   */
  public static FuzzApplication throughBridge(Application bridge) {
    return new FuzzApplication(Objects.requireNonNull(bridge, "bridge"));
  }

  /** Forgets the previous run; the servlet answers {@code 200 {}}. */
  public void reset() {
    calls.set(0);
    if (bridge != null) {
      RecordingServlet.reset(List.of(200), JSON, "{}");
    }
  }

  /** How many requests reached this application since {@link #reset()}. */
  public int calls() {
    return calls.get();
  }

  /**
   * How many requests the {@link RecordingServlet} got through Jetty since this application was
   * made (0 without Jetty): a run through Jetty that never reaches it proves nothing.
   */
  public long servletCalls() {
    return servletCalls.get();
  }

  /** Whether requests go through Jetty. */
  public boolean usesJetty() {
    return bridge != null;
  }

  @Override
  public AppResponse call(AppRequest request) {
    FuzzInvariant.checkRequest(request);
    calls.incrementAndGet();
    if (bridge == null) {
      return AppResponse.of(200, JSON, "{}");
    }
    int before = RecordingServlet.seen().size();
    AppResponse response;
    try {
      response = bridge.call(request);
    } catch (RuntimeException e) {
      throw new AssertionError(
          "the bridge failed on a request the rules accept: " + describe(request) + ": " + e, e);
    }
    List<RecordingServlet.Seen> seen = RecordingServlet.seen();
    if (seen.size() != before + 1) {
      throw new AssertionError(
          "Jetty answered "
              + response.status()
              + " without calling the servlet, for a request the rules accept: "
              + describe(request)
              + " ("
              + FuzzInvariant.abbreviate(response.bodyText())
              + ")");
    }
    servletCalls.incrementAndGet();
    AppRequest got = seen.get(before).request();
    if (!got.path().equals(request.path())
        || !Objects.equals(emptyAsNull(got.query()), emptyAsNull(request.query()))
        || got.bodyLength() != request.bodyLength()) {
      throw new AssertionError(
          "the servlet saw " + describe(got) + " for the request " + describe(request));
    }
    for (var f : request.headers().fields()) {
      if (f.getKey().regionMatches(true, 0, "ce-", 0, 3)
          && !got.headers().all(f.getKey()).contains(f.getValue())) {
        throw new AssertionError(
            "the servlet did not see header " + f.getKey() + ": " + f.getValue() + " as sent");
      }
    }
    return response;
  }

  /** {@code /p?} and {@code /p} are the same request to a servlet (no query string). */
  private static String emptyAsNull(String query) {
    return query == null || query.isEmpty() ? null : query;
  }

  private static String describe(AppRequest r) {
    return r.method() + " " + FuzzInvariant.abbreviate(r.target());
  }
}
