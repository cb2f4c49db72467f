package io.github.cloudeventshandler.conformance;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.github.cloudeventshandler.core.AppRequest;
import io.github.cloudeventshandler.core.AppResponse;
import io.github.cloudeventshandler.core.Application;
import io.github.cloudeventshandler.core.Headers;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An {@link Application} that records every request and answers with scripted responses: request
 * {@code i} (0-based, in arrival order) gets {@code answers[min(i, n - 1)]}. Safe to call from many
 * threads; {@link #requests()} returns a snapshot.
 *
 * <pre>{@code
 * RecordingApplication app = RecordingApplication.forCase(c);      // the sidecar's "answers"
 * RecordingApplication twoFail = RecordingApplication.answering(200, 500, 200);
 * pipeline.dispatch(event, app, null, Duration.ofSeconds(5));
 * ConformanceAssertions.assertRequests(c, app.requests());
 * }</pre>
 *
 * <p>Failure contract: never throws from {@link #call(AppRequest)}; a malformed {@code answers}
 * entry fails {@link #forCase(ConformanceCase)} with an {@link IllegalStateException} naming the
 * case.
 */
public final class RecordingApplication implements Application {
  private final List<AppResponse> answers;
  private final List<AppRequest> requests = new ArrayList<>();

  private RecordingApplication(List<AppResponse> answers) {
    if (answers.isEmpty()) {
      throw new IllegalArgumentException("a recording application needs at least one answer");
    }
    this.answers = List.copyOf(answers);
  }

  /** Answers with these statuses (no headers, empty body). */
  public static RecordingApplication answering(int... statuses) {
    List<AppResponse> list = new ArrayList<>();
    for (int s : statuses) {
      list.add(AppResponse.of(s));
    }
    return new RecordingApplication(list);
  }

  /** Answers with these responses. */
  public static RecordingApplication answering(List<AppResponse> responses) {
    return new RecordingApplication(responses);
  }

  /**
   * Answers as the case's {@code answers} say; {@code [200]} when it has none. An entry is a status
   * ({@code 500}) or an object {@code {"status":200,"headers":{...},"body":"..."}} with {@code
   * body}, {@code bodyJson} or {@code bodyBase64}.
   */
  public static RecordingApplication forCase(ConformanceCase c) {
    JsonElement a = c.expected().get("answers");
    if (a == null || a.isJsonNull()) {
      return answering(200);
    }
    if (!a.isJsonArray() || a.getAsJsonArray().isEmpty()) {
      throw new IllegalStateException(c.id() + ": answers must be a non-empty array");
    }
    List<AppResponse> list = new ArrayList<>();
    for (JsonElement e : a.getAsJsonArray()) {
      list.add(answer(c.id(), e));
    }
    return new RecordingApplication(list);
  }

  private static AppResponse answer(String id, JsonElement e) {
    if (e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber()) {
      return AppResponse.of(e.getAsInt());
    }
    if (!e.isJsonObject() || !e.getAsJsonObject().has("status")) {
      throw new IllegalStateException(
          id + ": an answer is a status or an object with a status: " + e);
    }
    JsonObject o = e.getAsJsonObject();
    Headers.Builder h = Headers.builder();
    JsonElement hs = o.get("headers");
    if (hs != null && hs.isJsonObject()) {
      for (Map.Entry<String, JsonElement> f : hs.getAsJsonObject().entrySet()) {
        ConformanceAssertions.headerValues(id, "answers[].headers", f)
            .forEach(v -> h.add(f.getKey(), v));
      }
    }
    byte[] body = new byte[0];
    if (o.has("body")) {
      body = o.get("body").getAsString().getBytes(StandardCharsets.UTF_8);
    } else if (o.has("bodyJson")) {
      body = o.get("bodyJson").toString().getBytes(StandardCharsets.UTF_8);
      if (!h.contains("Content-Type")) {
        h.add("Content-Type", "application/json");
      }
    } else if (o.has("bodyBase64")) {
      body = Base64.getDecoder().decode(o.get("bodyBase64").getAsString());
    }
    return new AppResponse(o.get("status").getAsInt(), h.build(), body);
  }

  @Override
  public AppResponse call(AppRequest request) {
    Objects.requireNonNull(request, "request");
    synchronized (requests) {
      int i = requests.size();
      requests.add(request);
      return answers.get(Math.min(i, answers.size() - 1));
    }
  }

  /** A snapshot of the requests received so far, in arrival order. */
  public List<AppRequest> requests() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  /** The scripted answers. */
  public List<AppResponse> answers() {
    return answers;
  }

  @Override
  public String toString() {
    return "RecordingApplication[" + requests().size() + " requests]";
  }
}
