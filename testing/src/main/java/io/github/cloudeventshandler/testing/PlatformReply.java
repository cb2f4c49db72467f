package io.github.cloudeventshandler.testing;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.cloudeventshandler.core.AppRequest;
import io.github.cloudeventshandler.core.AppResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import org.assertj.core.api.AssertProvider;

/**
 * What a platform got back from one delivery through a real entry point, and what the application
 * saw on the way: the exception the entry point threw (which makes the platform retry), or the
 * Lambda result, or the HTTP response of an HTTP-triggered function; and every request the
 * application received with its answer.
 *
 * <p>{@link #isSuccess()} is the platform's view: the delivery is done and nothing is retried or
 * redelivered — no exception, no {@code batchItemFailures} entry, and for an HTTP reply a 2xx
 * status (what Pub/Sub push and Event Grid count as delivered).
 *
 * <pre>{@code
 * PlatformReply reply = lambda.send(SqsEvents.batch(first, second));
 * assertThat(reply).batchItemFailures().containsExactly(second.messageId());
 * assertThat(reply).routedTo("/aws.sqs", "/aws.sqs");
 * }</pre>
 *
 * <p>AssertJ's {@code assertThat(reply)} gives the {@link PlatformReplyAssert} (this is an {@link
 * AssertProvider}). Immutable.
 */
public final class PlatformReply implements AssertProvider<PlatformReplyAssert> {

  /** The entry point that was called. */
  public enum EntryPoint {
    /** {@code LambdaHandler.handleRequest}. */
    LAMBDA,
    /** {@code CloudEventsEntryPoint.accept} (Cloud Functions gen2, Eventarc). */
    GCP_CLOUD_EVENTS,
    /** {@code BackgroundEntryPoint.accept} (gen1 legacy events). */
    GCP_BACKGROUND,
    /** {@code HttpEntryPoint.service} (HTTP functions, Pub/Sub push, CloudEvents over HTTP). */
    GCP_HTTP,
    /** A trigger method of {@code AzureEventHandler} (Event Grid, Service Bus, Event Hubs, …). */
    AZURE_TRIGGER,
    /** {@code AzureEventHandler.httpBytes} (HTTP trigger: webhooks, Web PubSub, plain HTTP). */
    AZURE_HTTP
  }

  /**
   * One request the application received and what it answered.
   *
   * @param request the request
   * @param response the answer, or null when the application threw
   * @param failure what the application threw, or null
   */
  public record Exchange(AppRequest request, AppResponse response, RuntimeException failure) {
    /** Validates. */
    public Exchange {
      Objects.requireNonNull(request, "request");
    }
  }

  private final EntryPoint entryPoint;
  private final Throwable thrown;
  private final byte[] lambdaOutput;
  private final AppResponse http;
  private final List<Exchange> exchanges;

  private PlatformReply(
      EntryPoint entryPoint,
      Throwable thrown,
      byte[] lambdaOutput,
      AppResponse http,
      List<Exchange> exchanges) {
    this.entryPoint = Objects.requireNonNull(entryPoint, "entryPoint");
    this.thrown = thrown;
    this.lambdaOutput = lambdaOutput;
    this.http = http;
    this.exchanges = List.copyOf(exchanges);
  }

  static PlatformReply thrown(EntryPoint entryPoint, Throwable thrown, List<Exchange> exchanges) {
    return new PlatformReply(
        entryPoint, Objects.requireNonNull(thrown, "thrown"), null, null, exchanges);
  }

  static PlatformReply returned(EntryPoint entryPoint, List<Exchange> exchanges) {
    return new PlatformReply(entryPoint, null, null, null, exchanges);
  }

  static PlatformReply lambda(byte[] output, List<Exchange> exchanges) {
    return new PlatformReply(EntryPoint.LAMBDA, null, output.clone(), null, exchanges);
  }

  static PlatformReply http(EntryPoint entryPoint, AppResponse http, List<Exchange> exchanges) {
    return new PlatformReply(
        entryPoint, null, null, Objects.requireNonNull(http, "http"), exchanges);
  }

  /** The entry point that was called. */
  public EntryPoint entryPoint() {
    return entryPoint;
  }

  /** What the entry point threw: the platform retries, abandons or redelivers. */
  public Optional<Throwable> thrown() {
    return Optional.ofNullable(thrown);
  }

  /** Whether the platform counts the delivery as done and retries nothing (see the class doc). */
  public boolean isSuccess() {
    if (thrown != null || !batchItemFailures().isEmpty()) {
      return false;
    }
    return http == null || http.status() / 100 == 2;
  }

  /** The Lambda result as text (Lambda only, when the handler returned). */
  public Optional<String> lambdaOutput() {
    return Optional.ofNullable(lambdaOutput).map(b -> new String(b, StandardCharsets.UTF_8));
  }

  /** The Lambda result as JSON (Lambda only, when the handler returned). */
  public Optional<JsonElement> lambdaJson() {
    return lambdaOutput().map(JsonParser::parseString);
  }

  /** The HTTP response of an HTTP-triggered function (GCP HTTP, Azure HTTP trigger). */
  public Optional<AppResponse> httpResponse() {
    return Optional.ofNullable(http);
  }

  /**
   * The status the caller sees: the HTTP response's, or the {@code statusCode} of a Lambda proxy
   * result (API Gateway, ALB, function URLs, and the async sources' result shape).
   */
  public OptionalInt status() {
    if (http != null) {
      return OptionalInt.of(http.status());
    }
    Optional<JsonObject> proxy = proxyResult();
    if (proxy.isPresent() && proxy.get().has("statusCode")) {
      return OptionalInt.of(proxy.get().get("statusCode").getAsInt());
    }
    return OptionalInt.empty();
  }

  /**
   * The body the caller sees: the HTTP response's, or the {@code body} of a Lambda proxy result
   * (base64-decoded when {@code isBase64Encoded}); empty when there is none.
   */
  public Optional<String> body() {
    if (http != null) {
      return Optional.of(http.bodyText());
    }
    return proxyResult()
        .filter(o -> o.has("body") && !o.get("body").isJsonNull())
        .map(
            o -> {
              String body = o.get("body").getAsString();
              boolean base64 = o.has("isBase64Encoded") && o.get("isBase64Encoded").getAsBoolean();
              return base64
                  ? new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8)
                  : body;
            });
  }

  /**
   * A header the caller sees: of the HTTP response, or in a Lambda proxy result's {@code headers}
   * (or first of {@code multiValueHeaders}); names compared case-insensitively.
   */
  public Optional<String> header(String name) {
    if (http != null) {
      return http.header(name);
    }
    Optional<JsonObject> proxy = proxyResult();
    if (proxy.isEmpty()) {
      return Optional.empty();
    }
    for (String field : List.of("headers", "multiValueHeaders")) {
      JsonElement h = proxy.get().get(field);
      if (h != null && h.isJsonObject()) {
        for (var e : h.getAsJsonObject().entrySet()) {
          if (e.getKey().equalsIgnoreCase(name)) {
            JsonElement v = e.getValue();
            return Optional.of(
                v.isJsonArray() ? v.getAsJsonArray().get(0).getAsString() : v.getAsString());
          }
        }
      }
    }
    return Optional.empty();
  }

  private Optional<JsonObject> proxyResult() {
    return lambdaJson().filter(JsonElement::isJsonObject).map(JsonElement::getAsJsonObject);
  }

  /**
   * The {@code itemIdentifier}s of a Lambda {@code batchItemFailures} result (SQS, Kinesis,
   * DynamoDB), in order; empty for every other reply.
   */
  public List<String> batchItemFailures() {
    Optional<JsonObject> result = proxyResult();
    if (result.isEmpty() || !result.get().has("batchItemFailures")) {
      return List.of();
    }
    List<String> ids = new ArrayList<>();
    for (JsonElement f : result.get().getAsJsonArray("batchItemFailures")) {
      ids.add(f.getAsJsonObject().get("itemIdentifier").getAsString());
    }
    return List.copyOf(ids);
  }

  /** Every request the application received, in order. */
  public List<AppRequest> requests() {
    return exchanges.stream().map(Exchange::request).toList();
  }

  /** Every request the application received with its answer, in order. */
  public List<Exchange> exchanges() {
    return exchanges;
  }

  @Override
  public PlatformReplyAssert assertThat() {
    return new PlatformReplyAssert(this);
  }

  /** A description for failure messages: the outcome and every exchange. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(entryPoint.name()).append(": ");
    if (thrown != null) {
      sb.append("threw ").append(thrown);
    } else if (http != null) {
      sb.append("HTTP ").append(http.status()).append(' ').append(abbreviate(http.bodyText()));
    } else if (lambdaOutput != null) {
      sb.append("returned ").append(abbreviate(lambdaOutput().orElse("")));
    } else {
      sb.append("returned");
    }
    for (Exchange e : exchanges) {
      sb.append("\n  ").append(e.request().method()).append(' ').append(e.request().target());
      sb.append(" -> ")
          .append(e.response() != null ? "HTTP " + e.response().status() : e.failure());
    }
    return sb.toString();
  }

  private static String abbreviate(String s) {
    return s.length() <= 300 ? s : s.substring(0, 300) + "…";
  }
}
