package io.github.cloudeventshandler.gcp;

import io.cloudevents.CloudEvent;
import io.cloudevents.http.HttpMessageFactory;
import io.github.cloudeventshandler.conformance.EntryPointFuzzTests;
import io.github.cloudeventshandler.conformance.FuzzApplication;
import io.github.cloudeventshandler.conformance.FuzzCase;
import io.github.cloudeventshandler.conformance.FuzzEvent;
import io.github.cloudeventshandler.conformance.FuzzTarget;
import io.github.cloudeventshandler.core.Application;
import io.github.cloudeventshandler.core.Configuration;
import io.github.cloudeventshandler.core.Headers;
import java.util.Locale;

/**
 * Fuzzes {@link CloudEventsEntryPoint#accept} with the CloudEvents the Functions Framework would
 * hand it: the corpus's {@code cloudevents} cases (structured JSON) and every CloudEvents HTTP
 * case, mutated as HTTP messages (body, {@code ce-*} and other headers) and then read as the
 * invoker reads them — binary mode with the CloudEvents SDK's HTTP reader (which takes any header
 * text as an attribute value), structured mode as {@link GcpConformanceTest#structured} does. A
 * message the reader refuses never reaches the entry point and is skipped. Variants as for {@link
 * BackgroundEntryPointFuzzTest}. The modes and the kept inputs: {@link EntryPointFuzzTests},
 * docs/fuzzing.md.
 */
class CloudEventsEntryPointFuzzTest extends EntryPointFuzzTests<CloudEventsEntryPoint> {
  private final FuzzTarget target =
      BackgroundEntryPointFuzzTest.keepingGoogleNames(
          new FuzzTarget(
              "gcp-cloudevents",
              FuzzCase.seeds("cloudevents", "cloudevents-http"),
              BackgroundEntryPointFuzzTest.variants(),
              true,
              this::deliver));

  @Override
  protected FuzzTarget target() {
    return target;
  }

  @Override
  protected CloudEventsEntryPoint newEntryPoint(Configuration configuration, Application app) {
    return new CloudEventsEntryPoint(configuration, app);
  }

  private FuzzTarget.Answer deliver(FuzzCase c, FuzzApplication app) {
    entryPoint(c, app).accept(cloudEvent(c.event()));
    return null;
  }

  /** The CloudEvent the invoker would make of the message, or {@link FuzzTarget.Undeliverable}. */
  private static CloudEvent cloudEvent(FuzzEvent e) {
    if (!e.isHttpDeliverable()) {
      throw new FuzzTarget.Undeliverable("no HTTP server receives this request");
    }
    Headers headers = e.headers();
    boolean binary = headers.contains("ce-specversion");
    String contentType = headers.first("Content-Type").orElse("application/cloudevents+json");
    try {
      if (!binary
          && contentType.toLowerCase(Locale.ROOT).contains("application/cloudevents+json")) {
        return GcpConformanceTest.structured(e.body());
      }
      return HttpMessageFactory.createReader(
              put -> headers.fields().forEach(f -> put.accept(f.getKey(), f.getValue())), e.body())
          .toEvent();
    } catch (RuntimeException refused) {
      throw new FuzzTarget.Undeliverable("the invoker refuses it: " + refused);
    }
  }
}
