package io.github.cloudeventshandler.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cloudeventshandler.servlet.ClassPreloader;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The class list {@link LambdaHandler} preloads at cold start is fresh: it was generated from a
 * training run ({@code ColdStart --write-preload}) and every class of this library and its
 * dependencies on it still exists. JDK classes are not checked: another JDK may have others, and a
 * missing one is only skipped.
 */
class PreloadListTest {
  private static final List<String> JDK = List.of("java.", "javax.", "jdk.", "sun.", "com.sun.");

  private static final ClassPreloader LIST =
      ClassPreloader.fromResource(LambdaHandler.class.getClassLoader(), LambdaHandler.PRELOAD_LIST);

  @Test
  void bothSectionsAreThere() {
    assertThat(LIST.startClasses()).hasSizeGreaterThan(100).contains(LambdaHandler.class.getName());
    assertThat(LIST.eventClasses())
        .hasSizeGreaterThan(100)
        .contains(
            "io.github.cloudeventshandler.core.classifier.RawEvent",
            "org.eclipse.jetty.server.internal.HttpChannelState");
  }

  @Test
  void everyListedLibraryClassIsOnTheClassPath() {
    List<String> missing = new ArrayList<>();
    Stream.concat(LIST.startClasses().stream(), LIST.eventClasses().stream())
        .filter(name -> JDK.stream().noneMatch(name::startsWith))
        .forEach(
            name -> {
              try {
                Class.forName(name, false, LambdaHandler.class.getClassLoader());
              } catch (ClassNotFoundException e) {
                missing.add(name);
              }
            });
    assertThat(missing)
        .as("stale: regenerate with ColdStart --write-preload (benchmarks/README.md)")
        .isEmpty();
  }

  @Test
  void noApplicationOrRuntimeClientClassIsListed() {
    assertThat(Stream.concat(LIST.startClasses().stream(), LIST.eventClasses().stream()))
        .noneMatch(name -> name.startsWith("io.github.cloudeventshandler.samples."))
        .noneMatch(name -> name.startsWith("com.amazonaws.services.lambda.runtime.api.client."))
        .noneMatch(name -> name.contains("$$Lambda") || name.contains("/"));
  }
}
