package io.github.cloudeventshandler.testing;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import io.github.cloudeventshandler.azure.AzureEventHandler;
import io.github.cloudeventshandler.testing.platform.LocalAzureContext;
import io.github.cloudeventshandler.testing.platform.LocalAzureHttpResponse;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Delivers events to the application through the real {@link AzureEventHandler}, as the Functions
 * host does: trigger values to its trigger methods with a fresh {@link LocalAzureContext}, HTTP
 * requests to {@link AzureEventHandler#httpBytes}. A thrown exception is what makes the host retry,
 * abandon or dead-letter; an HTTP reply's status is what Event Grid counts as delivered. Your own
 * {@code @FunctionName} class can be called the same way with {@link #handler()} and {@link
 * #invoke(String, Invocation)} / {@link #http(HttpRequestMessage, HttpInvocation)}. Get it from
 * {@link LocalCloud#azure()}.
 *
 * <pre>{@code
 * assertThat(cloud.azure().send(ServiceBusEvents.message("{\"order\":7}"))).succeeded();
 *
 * BooksFunctions functions = new BooksFunctions(cloud.azure().handler());
 * assertThat(cloud.azure().invoke("blobs", ctx -> functions.blobs(json, ctx))).succeeded();
 * }</pre>
 *
 * <p>Failure contract: never throws for what the handler or the application did — that is in the
 * reply; {@link IllegalStateException} when the cloud does not run. Thread-safe.
 */
public final class AzureInvoker {
  private final LocalCloud cloud;

  AzureInvoker(LocalCloud cloud) {
    this.cloud = cloud;
  }

  /** A trigger function's body: what the host calls with the invocation's context. */
  @FunctionalInterface
  public interface Invocation {
    /** Runs the function. */
    void run(ExecutionContext context) throws Exception;
  }

  /** An HTTP-triggered function's body. */
  @FunctionalInterface
  public interface HttpInvocation<T> {
    /** Runs the function. */
    HttpResponseMessage run(HttpRequestMessage<T> request, ExecutionContext context)
        throws Exception;
  }

  /** Delivers a built event through the matching method of the handler. */
  public PlatformReply send(AzureEvent event) {
    return Objects.requireNonNull(event, "event").sendTo(this);
  }

  /**
   * Delivers an HTTP request (binary body binding) through {@link AzureEventHandler#httpBytes}; the
   * reply has its response.
   */
  public PlatformReply send(HttpRequestMessage<Optional<byte[]>> request) {
    AzureEventHandler handler = handler();
    return http(request, handler::httpBytes);
  }

  /**
   * Runs a trigger function with a fresh context for {@code functionName}: the reply says whether
   * it returned or threw, and what the application saw.
   */
  public PlatformReply invoke(String functionName, Invocation function) {
    return invoke(LocalAzureContext.create(functionName), function);
  }

  /** Runs a trigger function with this context (to read what it logged, say). */
  public PlatformReply invoke(ExecutionContext context, Invocation function) {
    Objects.requireNonNull(context, "context");
    Objects.requireNonNull(function, "function");
    ExchangeRecorder.Outcome<Void> o =
        cloud
            .running()
            .recorder()
            .record(
                () -> {
                  function.run(context);
                  return null;
                });
    return o.thrown() != null
        ? PlatformReply.thrown(PlatformReply.EntryPoint.AZURE_TRIGGER, o.thrown(), o.exchanges())
        : PlatformReply.returned(PlatformReply.EntryPoint.AZURE_TRIGGER, o.exchanges());
  }

  /**
   * Runs an HTTP-triggered function bound to text ({@code HttpRequestMessage<Optional<String>>})
   * with a Web PubSub request signed as {@link #send(AzureEvent)} signs it.
   */
  public PlatformReply http(
      WebPubSubEvents.WebPubSubRequest request, HttpInvocation<Optional<String>> function) {
    return http(request.toTextHttpRequest(List.of(webPubSubKey())), function);
  }

  /** Runs an HTTP-triggered function with this request and a fresh context. */
  public <T> PlatformReply http(HttpRequestMessage<T> request, HttpInvocation<T> function) {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(function, "function");
    LocalAzureContext context = LocalAzureContext.create("http");
    ExchangeRecorder.Outcome<HttpResponseMessage> o =
        cloud.running().recorder().record(() -> function.run(request, context));
    if (o.thrown() != null) {
      return PlatformReply.thrown(PlatformReply.EntryPoint.AZURE_HTTP, o.thrown(), o.exchanges());
    }
    return PlatformReply.http(
        PlatformReply.EntryPoint.AZURE_HTTP,
        LocalAzureHttpResponse.of(o.value()).toAppResponse(),
        o.exchanges());
  }

  /** The handler of this run of the cloud: hand it to your {@code @FunctionName} class. */
  public AzureEventHandler handler() {
    LocalCloud.Running run = cloud.running();
    return run.entryPoint(
        AzureEventHandler.class, () -> new AzureEventHandler(run.configuration(), run.recorder()));
  }

  /** The configured {@code CEH_WEBPUBSUB_KEYS}, first key (the kit's default unless set). */
  String webPubSubKey() {
    return cloud
        .configuration()
        .setting("CEH_WEBPUBSUB_KEYS")
        .map(k -> k.split(",")[0].trim())
        .orElse(WebPubSubEvents.KEY);
  }
}
