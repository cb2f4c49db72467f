package io.github.cloudeventshandler.testing;

import com.google.cloud.functions.Context;
import io.cloudevents.CloudEvent;
import io.github.cloudeventshandler.gcp.BackgroundEntryPoint;
import io.github.cloudeventshandler.gcp.CloudEventsEntryPoint;
import io.github.cloudeventshandler.gcp.HttpEntryPoint;
import io.github.cloudeventshandler.testing.platform.LocalGcpContext;
import io.github.cloudeventshandler.testing.platform.LocalGcpHttpRequest;
import io.github.cloudeventshandler.testing.platform.LocalGcpHttpResponse;
import java.util.Objects;
import java.util.function.Function;

/**
 * Delivers events to the application through the real GCP entry points, as the Functions Framework
 * does: CloudEvents through {@link CloudEventsEntryPoint}, legacy events through {@link
 * BackgroundEntryPoint} (split into data and context like the invoker), HTTP requests (Pub/Sub
 * push, CloudEvents over HTTP, the app's own routes) through {@link HttpEntryPoint}. A thrown
 * exception is what makes the platform retry; an HTTP reply's status is what Pub/Sub counts as an
 * ack (2xx) or a nack. Get it from {@link LocalCloud#gcp()}.
 *
 * <pre>{@code
 * assertThat(cloud.gcp().send(CloudStorageEvents.finalized("bucket", "a.txt"))).succeeded();
 * assertThat(cloud.gcp().send(PubSubEvents.push("hello"))).hasStatus(204);
 * }</pre>
 *
 * <p>Failure contract: never throws for what an entry point or the application did — that is in the
 * reply; {@link IllegalStateException} when the cloud does not run. Thread-safe.
 */
public final class GcpInvoker {
  private final LocalCloud cloud;

  GcpInvoker(LocalCloud cloud) {
    this.cloud = cloud;
  }

  /** Delivers a built event through its entry point. */
  public PlatformReply send(GcpEvent event) {
    return Objects.requireNonNull(event, "event").sendTo(this);
  }

  /** Delivers a CloudEvent through {@link CloudEventsEntryPoint}. */
  public PlatformReply send(CloudEvent event) {
    Objects.requireNonNull(event, "event");
    return deliver(
        PlatformReply.EntryPoint.GCP_CLOUD_EVENTS,
        CloudEventsEntryPoint.class,
        run -> new CloudEventsEntryPoint(run.configuration(), run.recorder()),
        entryPoint -> entryPoint.accept(event));
  }

  /**
   * Delivers a legacy event body ({@code {"data":…,"context":{…}}}) through {@link
   * BackgroundEntryPoint}, split as the invoker splits it ({@link
   * LocalGcpContext#fromLegacyEvent(byte[])}).
   */
  public PlatformReply sendLegacy(byte[] legacyEvent) {
    LocalGcpContext.BackgroundInput in = LocalGcpContext.fromLegacyEvent(legacyEvent);
    return sendLegacy(in.data(), in.context());
  }

  /** Delivers legacy event data with its context through {@link BackgroundEntryPoint}. */
  public PlatformReply sendLegacy(String data, Context context) {
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(context, "context");
    return deliver(
        PlatformReply.EntryPoint.GCP_BACKGROUND,
        BackgroundEntryPoint.class,
        run -> new BackgroundEntryPoint(run.configuration(), run.recorder()),
        entryPoint -> entryPoint.accept(data, context));
  }

  /** A call of an event entry point that returns nothing (the platform acks) or throws. */
  @FunctionalInterface
  private interface Call<E> {
    void on(E entryPoint) throws Exception;
  }

  private <E> PlatformReply deliver(
      PlatformReply.EntryPoint kind,
      Class<E> type,
      Function<LocalCloud.Running, E> make,
      Call<E> call) {
    LocalCloud.Running run = cloud.running();
    E entryPoint = run.entryPoint(type, () -> make.apply(run));
    ExchangeRecorder.Outcome<Void> o =
        run.recorder()
            .record(
                () -> {
                  call.on(entryPoint);
                  return null;
                });
    return o.thrown() != null
        ? PlatformReply.thrown(kind, o.thrown(), o.exchanges())
        : PlatformReply.returned(kind, o.exchanges());
  }

  /** Delivers an HTTP request through {@link HttpEntryPoint}; the reply has its response. */
  public PlatformReply send(LocalGcpHttpRequest request) {
    Objects.requireNonNull(request, "request");
    LocalCloud.Running run = cloud.running();
    HttpEntryPoint entryPoint =
        run.entryPoint(
            HttpEntryPoint.class, () -> new HttpEntryPoint(run.configuration(), run.recorder()));
    LocalGcpHttpResponse response = new LocalGcpHttpResponse();
    ExchangeRecorder.Outcome<Void> o =
        run.recorder()
            .record(
                () -> {
                  entryPoint.service(request, response);
                  return null;
                });
    return o.thrown() != null
        ? PlatformReply.thrown(PlatformReply.EntryPoint.GCP_HTTP, o.thrown(), o.exchanges())
        : PlatformReply.http(
            PlatformReply.EntryPoint.GCP_HTTP, response.toAppResponse(), o.exchanges());
  }

  /** The configured {@code CEH_PUBSUB_AUDIENCE} (the kit's default unless the test set one). */
  String pushAudience() {
    return cloud.configuration().setting("CEH_PUBSUB_AUDIENCE").orElse(null);
  }

  /** The configured {@code CEH_PUBSUB_SERVICE_ACCOUNT}. */
  String pushServiceAccount() {
    return cloud.configuration().setting("CEH_PUBSUB_SERVICE_ACCOUNT").orElse(null);
  }
}
