package io.github.cloudeventshandler.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cloudeventshandler.core.Configuration;
import io.github.cloudeventshandler.core.ConfigurationException;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The list format, the order of work, and what preloading must never do. */
class ClassPreloaderTest {
  private static final String LIST = "META-INF/test-preload.txt";

  @TempDir Path dir;

  /** A loader that sees this test's classes and one list resource with the given text. */
  private ClassLoader withList(String text) throws IOException {
    Path file = dir.resolve(LIST);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader());
  }

  @Test
  void readsBothSectionsAndSkipsCommentsAndBlankLines() throws IOException {
    ClassPreloader p =
        ClassPreloader.fromResource(
            withList(
                "# a comment\n\n[start]\njava.lang.String\n  java.util.List  \n[event]\n"
                    + "java.util.Map\n"),
            LIST);
    assertThat(p.startClasses()).containsExactly("java.lang.String", "java.util.List");
    assertThat(p.eventClasses()).containsExactly("java.util.Map");
  }

  @Test
  void aMissingResourceIsAnEmptyList() throws IOException {
    ClassPreloader p = ClassPreloader.fromResource(withList(""), "META-INF/no-such-list.txt");
    assertThat(p.startClasses()).isEmpty();
    assertThat(p.eventClasses()).isEmpty();
    ClassPreloader.Result r = p.runWhile(new CompletableFuture<>());
    assertThat(r.loaded() + r.missing() + r.notNeeded()).isZero();
  }

  @Test
  void aNameBeforeAnySectionIsRejectedWithItsLine() throws IOException {
    ClassLoader loader = withList("# header\njava.lang.String\n");
    assertThatThrownBy(() -> ClassPreloader.fromResource(loader, LIST))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("line 2")
        .hasMessageContaining("before [start] or [event]");
  }

  @Test
  void anUnknownSectionIsRejected() throws IOException {
    ClassLoader loader = withList("[start]\njava.lang.String\n[later]\n");
    assertThatThrownBy(() -> ClassPreloader.fromResource(loader, LIST))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("line 3: unknown section [later]");
  }

  @Test
  void loadsEventClassesButNeverRunsTheirStaticInitialisers() throws IOException {
    String probe = PreloadProbe.class.getName();
    ClassPreloader p =
        ClassPreloader.fromResource(
            withList("[event]\n" + probe + "\ncom.example.NotThere\n"), LIST);
    ClassPreloader.Result r = p.runWhile(CompletableFuture.completedFuture(null));
    assertThat(r.loaded()).isEqualTo(1);
    assertThat(r.missing()).isEqualTo(1);
    assertThat(PreloadMarks.INITIALISED).doesNotContain(probe);
  }

  @Test
  void startClassesStopOnceTheStartIsDone() throws IOException {
    ClassPreloader p =
        ClassPreloader.fromResource(
            withList("[start]\njava.lang.String\njava.util.List\njava.util.Map\n[event]\n"), LIST);
    ClassPreloader.Result r = p.runWhile(CompletableFuture.completedFuture(null));
    assertThat(r.loaded()).isZero();
    assertThat(r.notNeeded()).isEqualTo(3);
  }

  @Test
  void startClassesAreLoadedWhileTheStartRunsAndNotInitialised() throws IOException {
    String probe = PreloadProbeTwo.class.getName();
    ClassPreloader p =
        ClassPreloader.fromResource(
            withList("[start]\n" + probe + "\njava.util.List\ncom.example.Gone\n[event]\n"), LIST);
    ClassPreloader.Result r = p.runWhile(new CompletableFuture<>());
    assertThat(r.loaded()).isEqualTo(2);
    assertThat(r.missing()).isEqualTo(1);
    assertThat(r.notNeeded()).isZero();
    assertThat(PreloadMarks.INITIALISED).doesNotContain(probe);
  }

  @Test
  void byDefaultItRunsOnlyWithTwoProcessorsWorthOfCpu() {
    Configuration none = Configuration.builder().build();
    assertThat(ClassPreloader.enabled(none, 2)).isTrue();
    assertThat(ClassPreloader.enabled(none, 6)).isTrue();
    assertThat(ClassPreloader.enabled(none, 1.99)).isFalse();
    assertThat(ClassPreloader.enabled(none, 1)).isFalse();
    Configuration auto = Configuration.builder().setting(ClassPreloader.SETTING, " AUTO ").build();
    assertThat(ClassPreloader.enabled(auto, 2)).isTrue();
    assertThat(ClassPreloader.enabled(auto, 0.3)).isFalse();
  }

  @Test
  void trueAndFalseWinOverTheProcessorCount() {
    for (String yes : List.of("true", "TRUE", " true ")) {
      assertThat(
              ClassPreloader.enabled(
                  Configuration.builder().setting(ClassPreloader.SETTING, yes).build(), 1))
          .isTrue();
    }
    assertThat(
            ClassPreloader.enabled(
                Configuration.builder().setting(ClassPreloader.SETTING, "False").build(), 8))
        .isFalse();
  }

  @Test
  void anythingElseIsAConfigurationError() {
    Configuration bad =
        Configuration.builder().setting(ClassPreloader.SETTING, "sometimes").build();
    assertThatThrownBy(() -> ClassPreloader.enabled(bad, 2))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("CEH_PRELOAD must be auto, true or false")
        .hasMessageContaining("'sometimes'");
  }
}
