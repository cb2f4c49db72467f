package io.github.cloudeventshandler.gcp;

import io.github.cloudeventshandler.conformance.EntryPointFuzzTests;
import io.github.cloudeventshandler.conformance.FuzzApplication;
import io.github.cloudeventshandler.conformance.FuzzCase;
import io.github.cloudeventshandler.conformance.FuzzTarget;
import io.github.cloudeventshandler.core.Application;
import io.github.cloudeventshandler.core.Configuration;
import io.github.cloudeventshandler.testing.platform.LocalGcpContext;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Fuzzes {@link BackgroundEntryPoint#accept} with the corpus's legacy (gen1) events as seeds: the
 * mutated legacy body is split into the data JSON and the context ({@code eventId}, {@code
 * timestamp}, {@code eventType}, {@code resource}, {@code domain}) as the invoker splits it ({@link
 * LocalGcpContext#fromLegacyEvent}); a body the invoker could not split is skipped. Variants:
 * default, unwrapped payloads, request defaults with a path prefix. The modes and the kept inputs:
 * {@link EntryPointFuzzTests}, docs/fuzzing.md.
 */
class BackgroundEntryPointFuzzTest extends EntryPointFuzzTests<BackgroundEntryPoint> {
  private final FuzzTarget target =
      keepingGoogleNames(
          new FuzzTarget(
              "gcp-background", FuzzCase.seeds("background"), variants(), false, this::deliver));

  /**
   * F9, by design (gcp/README.md, docs/fuzzing.md): in a CloudEvent of one of Google's kinds,
   * {@code subject} and extension values are names, kept exactly with their control characters
   * (Cloud Storage object names may hold them) and percent-encoded in their {@code ce-*} headers;
   * every other attribute is still held to the invariant. For every GCP entry point that reads
   * them.
   */
  static FuzzTarget keepingGoogleNames(FuzzTarget target) {
    return target.pending(
        "F9, by design (gcp/README.md): a Google event's subject or extension value with control"
            + " characters is kept as data, percent-encoded in its ce-* header",
        "\\(kind google\\.[^)]*\\): CloudEvent attribute (?!(id|source|type|specversion"
            + "|datacontenttype|dataschema|time) )[a-z0-9]+ .* has a control character");
  }

  /** The variants of the GCP event entry points: default, unwrapped, request defaults. */
  static Map<String, Map<String, String>> variants() {
    Map<String, Map<String, String>> v = new LinkedHashMap<>();
    v.put("default", Map.of());
    v.put("unwrapped", Map.of(Configuration.PAYLOAD, "unwrapped"));
    v.put(
        "defaults",
        Map.of(Configuration.REQUEST_DEFAULTS, "{\"method\":\"PUT\",\"pathPrefix\":\"/events\"}"));
    return v;
  }

  @Override
  protected FuzzTarget target() {
    return target;
  }

  @Override
  protected BackgroundEntryPoint newEntryPoint(Configuration configuration, Application app) {
    return new BackgroundEntryPoint(configuration, app);
  }

  private FuzzTarget.Answer deliver(FuzzCase c, FuzzApplication app) {
    LocalGcpContext.BackgroundInput d;
    try {
      d = LocalGcpContext.fromLegacyEvent(c.event().body());
    } catch (RuntimeException e) {
      throw new FuzzTarget.Undeliverable("the invoker cannot split it: " + e);
    }
    entryPoint(c, app).accept(d.data(), d.context());
    return null;
  }
}
