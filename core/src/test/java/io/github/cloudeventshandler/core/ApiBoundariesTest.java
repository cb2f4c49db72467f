package io.github.cloudeventshandler.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The package rules of {@code core/README.md}, "Packages": what an application uses is the small
 * {@code core} package; the project's modules share {@code core.spi}; nobody outside {@code core}
 * reaches into {@code core.internal}.
 */
class ApiBoundariesTest {
  private static final Path REPOSITORY = Paths.get("..").toAbsolutePath().normalize();
  private static final Pattern INTERNAL =
      Pattern.compile("io\\.github\\.cloudeventshandler\\.core\\.internal\\.");

  /** The user-facing types; a new one is a decision (README and this list), not an accident. */
  private static final Set<String> USER_FACING =
      Set.of(
          "AppRequest",
          "AppResponse",
          "Application",
          "BadEventException",
          "BatchMode",
          "CloudEventsHandlerException",
          "Configuration",
          "ConfigurationException",
          "DispatchException",
          "Headers",
          "PayloadMode",
          "RequestAttributes",
          "RequestDefaults",
          "RouteOverrides",
          "UnrecognizedEventException");

  @Test
  void noModuleOutsideCoreUsesCoreInternal() throws IOException {
    List<String> offenders;
    try (Stream<Path> files = Files.walk(REPOSITORY)) {
      offenders =
          files
              .filter(p -> p.toString().endsWith(".java"))
              .filter(p -> !REPOSITORY.relativize(p).startsWith("core"))
              .filter(p -> !p.toString().contains("/target/") && !p.toString().contains("/.git/"))
              .filter(ApiBoundariesTest::usesInternal)
              .map(p -> REPOSITORY.relativize(p).toString())
              .sorted()
              .collect(Collectors.toList());
    }
    assertThat(offenders).as("sources outside core that use core.internal").isEmpty();
  }

  @Test
  void theUserFacingPackageHoldsTheListedTypesOnly() throws IOException {
    Path dir = Paths.get("src/main/java/io/github/cloudeventshandler/core");
    Set<String> types = new TreeSet<>();
    try (Stream<Path> files = Files.list(dir)) {
      files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".java") && !n.equals("package-info.java"))
          .map(n -> n.substring(0, n.length() - ".java".length()))
          .filter(ApiBoundariesTest::isPublic)
          .forEach(types::add);
    }
    assertThat(types).containsExactlyInAnyOrderElementsOf(USER_FACING);
  }

  private static boolean usesInternal(Path p) {
    try {
      return INTERNAL.matcher(Files.readString(p)).find();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean isPublic(String simpleName) {
    try {
      return Modifier.isPublic(
          Class.forName("io.github.cloudeventshandler.core." + simpleName).getModifiers());
    } catch (ClassNotFoundException e) {
      throw new AssertionError(simpleName, e);
    }
  }
}
