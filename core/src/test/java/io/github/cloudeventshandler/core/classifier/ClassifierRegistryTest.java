package io.github.cloudeventshandler.core.classifier;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cloudeventshandler.core.BadEventException;
import io.github.cloudeventshandler.core.Headers;
import io.github.cloudeventshandler.core.UnrecognizedEventException;
import io.github.cloudeventshandler.core.internal.CloudEventsClassifier;
import io.github.cloudeventshandler.core.spi.JsonLimits;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ClassifierRegistryTest {
  private static final List<String> ASKED = new ArrayList<>();

  /** Claims bodies equal to its name; records who was asked. */
  abstract static class Named implements EventClassifier {
    private final int priority;

    Named(int priority) {
      this.priority = priority;
    }

    @Override
    public Optional<ClassifiedEvent> classify(RawEvent event) {
      String name = getClass().getSimpleName();
      ASKED.add(name);
      if (!event.bodyText().equals(name)) {
        return Optional.empty();
      }
      Payload p = Payload.json("{}");
      return Optional.of(
          new ClassifiedEvent(
              event.provider(),
              name,
              Delivery.PER_RECORD,
              StandardReply.EVENT,
              List.of(
                  EventRecord.of(
                      null,
                      "/" + name,
                      io.cloudevents.core.builder.CloudEventBuilder.v1()
                          .withId("1")
                          .withSource(java.net.URI.create("/s"))
                          .withType("t")
                          .build(),
                      p,
                      p)),
              p));
    }

    @Override
    public int priority() {
      return priority;
    }
  }

  static final class Beta extends Named {
    Beta() {
      super(100);
    }
  }

  static final class Alpha extends Named {
    Alpha() {
      super(100);
    }
  }

  static final class Early extends Named {
    Early() {
      super(10);
    }
  }

  static final class Late extends Named {
    Late() {
      super(5000);
    }
  }

  private static RawEvent raw(String body) {
    return RawEvent.builder(RawEvent.AWS, body.getBytes(UTF_8)).build();
  }

  @Test
  void ordersByPriorityThenClassName() {
    ClassifierRegistry a = ClassifierRegistry.of(new Late(), new Beta(), new Alpha(), new Early());
    ClassifierRegistry b =
        ClassifierRegistry.of(List.of(new Alpha(), new Early(), new Late(), new Beta()));
    assertThat(a.classifiers())
        .extracting(c -> c.getClass().getSimpleName())
        .containsExactly("Early", "Alpha", "Beta", "Late");
    assertThat(b.classifiers())
        .extracting(c -> c.getClass().getSimpleName())
        .containsExactly("Early", "Alpha", "Beta", "Late");
    assertThat(a.toString()).isEqualTo("ClassifierRegistry[Early, Alpha, Beta, Late]");
  }

  @Test
  void theFirstClaimWinsAndLaterOnesAreNotAsked() {
    ClassifierRegistry r = ClassifierRegistry.of(new Late(), new Beta(), new Alpha(), new Early());
    ASKED.clear();
    assertThat(r.classify(raw("Beta")).kind()).isEqualTo("Beta");
    assertThat(ASKED).containsExactly("Early", "Alpha", "Beta");
  }

  @Test
  void classifiersListIsImmutable() {
    ClassifierRegistry r = ClassifierRegistry.of(new Alpha());
    assertThatThrownBy(() -> r.classifiers().add(new Beta()))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void unrecognizedNamesWhatWasLookedAt() {
    ClassifierRegistry r = ClassifierRegistry.of(new Alpha());
    assertThatThrownBy(
            () -> r.classify(raw("{\"Records\":[{\"eventSource\":\"aws:new\",\"x\":1}],\"k\":2}")))
        .isInstanceOf(UnrecognizedEventException.class)
        .hasMessageContaining("aws: no classifier recognised the event")
        .hasMessageContaining("top-level keys [Records, k]")
        .hasMessageContaining("first record keys [eventSource, x]")
        .hasMessageEndingWith("(see docs/troubleshooting.md#unrecognized-event)");
    assertThatThrownBy(() -> r.classify(raw("[1,2]"))).hasMessageContaining("a JSON array of 2");
    assertThatThrownBy(() -> r.classify(raw("{bad")))
        .isInstanceOfSatisfying(
            BadEventException.class,
            e -> assertThat(e.problem()).isEqualTo(BadEventException.Problem.MALFORMED_JSON))
        .hasMessageContaining("aws event: not valid JSON")
        .hasMessageNotContaining("LENIENT");
    RawEvent big =
        RawEvent.builder(RawEvent.AWS, new byte[11]).limits(new JsonLimits(10, 5)).build();
    assertThatThrownBy(() -> r.classify(big))
        .isInstanceOfSatisfying(
            BadEventException.class,
            e -> assertThat(e.problem()).isEqualTo(BadEventException.Problem.TOO_LARGE));
    assertThatThrownBy(() -> r.classify(raw("plain"))).hasMessageContaining("not a JSON object");
    RawEvent http =
        RawEvent.builder(RawEvent.HTTP, new byte[0])
            .headers(Headers.builder().add("Content-Type", "text/plain").build())
            .request("PUT", "/x", null)
            .build();
    assertThatThrownBy(() -> r.classify(http))
        .hasMessageContaining("Content-Type text/plain")
        .hasMessageContaining("PUT /x");
  }

  @Test
  void serviceLoaderFindsTheCloudEventsClassifier() {
    ClassifierRegistry r = ClassifierRegistry.load(getClass().getClassLoader());
    assertThat(r.classifiers()).hasAtLeastOneElementOfType(CloudEventsClassifier.class);
    assertThat(r.classifiers().get(r.classifiers().size() - 1))
        .isInstanceOf(CloudEventsClassifier.class);
    ClassifiedEvent e =
        r.classify(
            raw("{\"specversion\":\"1.0\",\"id\":\"1\",\"source\":\"/a/b\",\"type\":\"t\"}"));
    assertThat(e.kind()).isEqualTo("cloudevents");
    assertThat(e.route()).isEqualTo("/a/b");
  }

  @Test
  void providerSpecificClassifiersRunBeforeTheCloudEventsOne() {
    ClassifierRegistry r =
        ClassifierRegistry.of(new CloudEventsClassifier(), new Late(), new Alpha());
    assertThat(r.classifiers())
        .extracting(c -> c.getClass().getSimpleName())
        .containsExactly("Alpha", "CloudEventsClassifier", "Late");
  }
}
