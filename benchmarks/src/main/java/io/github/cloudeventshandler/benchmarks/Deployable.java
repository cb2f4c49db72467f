package io.github.cloudeventshandler.benchmarks;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One side of the side-by-side harness: the jars of a Lambda deployable (app + handler + every
 * runtime dependency, a zip's {@code lib/}), the handler class the runtime instantiates, and the
 * environment that names the app. The class path is the jars in a fixed order, so that an AppCDS
 * archive trained on it matches every later launch, then the driver jar.
 *
 * @param name {@code A} or {@code B} and what it runs
 * @param jars the deployable's jars
 * @param handlerClass the {@code RequestStreamHandler} class
 * @param env the environment naming the app ({@code SJC_APPLICATION} or {@code CEH_APPLICATION})
 * @param driverJar the harness driver, appended to every class path
 */
record Deployable(
    String name, List<Path> jars, String handlerClass, Map<String, String> env, Path driverJar) {
  Deployable {
    jars = List.copyOf(jars);
    env = Map.copyOf(env);
  }

  /** The jars of {@code lib}, sorted by file name. */
  static Deployable inDirectory(
      String name, Path lib, String handlerClass, Map<String, String> env, Path driverJar) {
    try (Stream<Path> files = Files.list(lib)) {
      List<Path> jars =
          files.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().toList();
      if (jars.isEmpty()) {
        throw new IllegalStateException(lib + " holds no jar: build the harness first");
      }
      return new Deployable(name, jars, handlerClass, env, driverJar);
    } catch (IOException e) {
      throw new UncheckedIOException(lib + " cannot be listed: build the harness first", e);
    }
  }

  /** The jars' total size in bytes. */
  long bytes() {
    long total = 0;
    for (Path jar : jars) {
      try {
        total += Files.size(jar);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return total;
  }

  /** The deployable's jars, then the driver jar. */
  String classpath() {
    StringBuilder cp = new StringBuilder();
    for (Path jar : jars) {
      cp.append(jar.toAbsolutePath()).append(File.pathSeparator);
    }
    return cp.append(driverJar.toAbsolutePath()).toString();
  }

  /** The handler as the runtime interface client names it. */
  String runtimeHandler() {
    return handlerClass + "::handleRequest";
  }
}
