package io.github.cloudeventshandler.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.github.cloudeventshandler.core.AppRequest;
import io.github.cloudeventshandler.core.BadEventException;
import io.github.cloudeventshandler.core.Configuration;
import io.github.cloudeventshandler.core.Headers;
import io.github.cloudeventshandler.core.classifier.ClassifiedEvent;
import io.github.cloudeventshandler.core.classifier.ClassifierRegistry;
import io.github.cloudeventshandler.core.classifier.EventRecord;
import io.github.cloudeventshandler.core.classifier.RawEvent;
import io.github.cloudeventshandler.core.spi.EventPipeline;
import io.github.cloudeventshandler.core.spi.JsonLimits;
import io.github.cloudeventshandler.core.spi.RoutePaths;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/**
 * Fuzzes the CloudEvents classifier with HTTP-message-like inputs: header lines ({@code Name:
 * value}, bytes read as ISO-8859-1 so CR, NUL and non-ASCII reach the values), an empty line, then
 * the body; an input without an empty line is a headerless (Lambda-style) body. Whatever comes in,
 * the classifier answers "not mine", a classification, or a {@link BadEventException}; and what it
 * accepts yields routes that pass {@link RoutePaths#checkRoute} and request headers without raw
 * control characters. Without {@code JAZZER_FUZZ=1} the inputs under {@code
 * CloudEventsClassifierFuzzTestInputs} are replayed as a regression test.
 */
class CloudEventsClassifierFuzzTest {
  private static final CloudEventsClassifier CLASSIFIER = new CloudEventsClassifier();
  private static final EventPipeline PIPELINE =
      EventPipeline.create(Configuration.builder().build(), ClassifierRegistry.of(CLASSIFIER));

  @FuzzTest(maxDuration = "60s")
  void classifiesOrRejectsWithAProblem(byte[] input) {
    RawEvent raw = toRawEvent(input);
    Optional<ClassifiedEvent> found;
    try {
      found = CLASSIFIER.classify(raw);
    } catch (BadEventException e) {
      assertThat(e.getMessage()).doesNotContain("\r").doesNotContain("\n");
      return;
    }
    if (found.isEmpty()) {
      return;
    }
    ClassifiedEvent event = found.get();
    assertThat(event.kind()).isEqualTo(CloudEventsClassifier.KIND);
    for (EventRecord r : event.records()) {
      assertThat(RoutePaths.checkRoute(r.route())).isEqualTo(r.route());
    }
    for (AppRequest req : PIPELINE.requests(event, null, Duration.ofSeconds(1))) {
      for (Map.Entry<String, String> f : req.headers().fields()) {
        assertThat(f.getKey().chars()).allMatch(c -> c > 0x20 && c < 0x7F);
        assertThat(f.getValue().chars()).noneMatch(c -> c < 0x20 || c == 0x7F);
      }
    }
  }

  private static RawEvent toRawEvent(byte[] input) {
    int split = indexOf(input, new byte[] {'\n', '\n'});
    if (split < 0) {
      return RawEvent.builder(RawEvent.AWS, input).limits(new JsonLimits(64 * 1024, 16)).build();
    }
    Headers.Builder h = Headers.builder();
    String head = new String(input, 0, split, StandardCharsets.ISO_8859_1);
    for (String line : head.split("\n")) {
      int colon = line.indexOf(':');
      if (colon > 0) {
        h.add(line.substring(0, colon).strip(), line.substring(colon + 1).strip());
      }
    }
    return RawEvent.builder(RawEvent.HTTP, Arrays.copyOfRange(input, split + 2, input.length))
        .headers(h.build())
        .limits(new JsonLimits(64 * 1024, 16))
        .build();
  }

  private static int indexOf(byte[] data, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= data.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (data[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
