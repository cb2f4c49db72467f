package io.github.cloudeventshandler.core;

import io.github.cloudeventshandler.core.spi.EventPipeline;

/**
 * Names of the request attributes the application can read ({@code
 * request.getAttribute(RequestAttributes.CLOUD_EVENT)}).
 */
public final class RequestAttributes {
  private RequestAttributes() {}

  /** The record's {@code io.cloudevents.CloudEvent}. Absent for HTTP proxy requests. */
  public static final String CLOUD_EVENT = "io.github.cloudeventshandler.cloudEvent";

  /** The raw event bytes as the platform delivered them ({@code byte[]}). */
  public static final String RAW_EVENT = "io.github.cloudeventshandler.rawEvent";

  /**
   * The platform's context object: Lambda {@code Context}, Azure {@code ExecutionContext}, the
   * Functions Framework {@code Context} or {@code HttpRequest}.
   */
  public static final String PLATFORM_CONTEXT = "io.github.cloudeventshandler.platformContext";

  /** The event kind ({@code String}), e.g. {@code aws.sqs}. */
  public static final String KIND = "io.github.cloudeventshandler.kind";

  /** The provider ({@code String}): {@code aws}, {@code gcp}, {@code azure} or {@code http}. */
  public static final String PROVIDER = "io.github.cloudeventshandler.provider";

  /** The record's item id ({@code String}), when the platform reports records individually. */
  public static final String ITEM_ID = "io.github.cloudeventshandler.itemId";

  /**
   * {@code Boolean.TRUE} on every request the bridge delivered for a platform event it received
   * through a native entry point; never present on plain HTTP requests, and cannot be set from
   * outside. Apps use it to accept event routes only from real events.
   */
  public static final String PLATFORM_EVENT = "io.github.cloudeventshandler.platformEvent";

  /**
   * When the platform stops waiting for this request ({@code java.time.Instant}): the moment the
   * request was built plus its {@link AppRequest#timeout()}, that is, the invocation's remaining
   * time (Lambda) or the configured {@code CEH_TIMEOUT_MS}. Set on every request {@link
   * EventPipeline} builds; work still running after it may be retried by the platform.
   */
  public static final String DEADLINE = "io.github.cloudeventshandler.deadline";
}
