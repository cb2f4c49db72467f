package io.github.cloudeventshandler.servlet;

import io.github.cloudeventshandler.core.Configuration;
import io.github.cloudeventshandler.core.ConfigurationException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads, on the calling thread, the classes a cold start is about to need while another thread
 * starts the application ({@link ServletApplication#sharedAsync(Configuration)}), so that a second
 * core does the class loading that would otherwise wait its turn. Most of a cold start through the
 * bridge is class loading (Jetty, the JDK's own lambdas and locale data, the classifiers), not
 * work; the list of what to load comes from a training run of the real runtime client (see the
 * {@code benchmarks} module's {@code ColdStart --write-preload}).
 *
 * <p>A list is a text resource: one binary class name per line, {@code #} comments, and two
 * sections. {@code [event]} lists what the first event needs after the application has started (the
 * HTTP path through Jetty, the classifiers' work, the reply); these are loaded and linked first, in
 * order, because nothing else loads them before the first event. {@code [start]} lists what
 * starting Jetty needs, in the order it needs them; the starting thread loads those itself, so they
 * are loaded from the end of the list backwards and only until the start is done: the two threads
 * meet in the middle instead of queueing for the same class.
 *
 * <p>Only loading and linking happen here, never static initialisation: running another library's
 * initialisers on a second thread could deadlock against the starting thread. A name that is not on
 * the class path (a stale list, a trimmed jar) is counted and skipped. Set {@code
 * CEH_PRELOAD=false} to turn it off. Not thread-safe; one run per cold start.
 */
public final class ClassPreloader {
  /** {@code CEH_PRELOAD}: {@code auto} (the default), {@code true} or {@code false}. */
  public static final String SETTING = "CEH_PRELOAD";

  private static final Logger LOG = LoggerFactory.getLogger(ClassPreloader.class);

  private final ClassLoader loader;
  private final List<String> start;
  private final List<String> event;

  private ClassPreloader(ClassLoader loader, List<String> start, List<String> event) {
    this.loader = loader;
    this.start = start;
    this.event = event;
  }

  /** What one run did. */
  public record Result(int loaded, int missing, int notNeeded, long millis) {}

  /**
   * Whether to preload ({@code CEH_PRELOAD}): {@code true}, {@code false}, or {@code auto} (the
   * default), which preloads only with at least two processors' worth of CPU. Preloading does its
   * work beside the start on a second core; on one core it only adds work (≈ 60 ms measured, see
   * {@code docs/performance.md}).
   *
   * @param cpus the processors this process can really use at once (an entry point that knows
   *     better than {@link Runtime#availableProcessors()}, such as Lambda's memory-proportional
   *     CPU, passes its own figure)
   * @throws ConfigurationException when the value is not {@code true}, {@code false} or {@code
   *     auto}
   */
  public static boolean enabled(Configuration configuration, double cpus) {
    String value = configuration.setting(SETTING).orElse("auto").trim();
    if (value.equalsIgnoreCase("true")) {
      return true;
    }
    if (value.equalsIgnoreCase("false")) {
      return false;
    }
    if (value.equalsIgnoreCase("auto")) {
      return cpus >= 2;
    }
    throw new ConfigurationException(SETTING + " must be auto, true or false, not '" + value + "'");
  }

  /**
   * Reads a list from a class path resource of {@code loader}; a missing resource is an empty list.
   *
   * @throws IllegalArgumentException when the resource is malformed (a name before any section, or
   *     an unknown section)
   */
  public static ClassPreloader fromResource(ClassLoader loader, String resource) {
    Objects.requireNonNull(loader, "loader");
    List<String> start = new ArrayList<>();
    List<String> event = new ArrayList<>();
    try (InputStream in = loader.getResourceAsStream(resource)) {
      if (in == null) {
        LOG.debug("no preload list {}", resource);
        return new ClassPreloader(loader, List.of(), List.of());
      }
      List<String> section = null;
      int number = 0;
      for (String raw : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        number++;
        String line = raw.strip();
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        if (line.equals("[start]")) {
          section = start;
        } else if (line.equals("[event]")) {
          section = event;
        } else if (line.startsWith("[")) {
          throw new IllegalArgumentException(
              resource + " line " + number + ": unknown section " + line);
        } else if (section == null) {
          throw new IllegalArgumentException(
              resource + " line " + number + ": a class name before [start] or [event]");
        } else {
          section.add(line);
        }
      }
    } catch (IOException e) {
      LOG.debug("cannot read preload list {}", resource, e);
    }
    return new ClassPreloader(loader, List.copyOf(start), List.copyOf(event));
  }

  /** The names of the {@code [start]} section, in order. */
  public List<String> startClasses() {
    return start;
  }

  /** The names of the {@code [event]} section, in order. */
  public List<String> eventClasses() {
    return event;
  }

  /**
   * Loads the {@code [event]} classes (and links them), then the {@code [start]} classes from the
   * end backwards until {@code pending} is done. Never throws for a class it cannot load.
   */
  public Result runWhile(Future<?> pending) {
    long began = System.nanoTime();
    int loaded = 0;
    int missing = 0;
    for (String name : event) {
      Class<?> c = load(name);
      if (c == null) {
        missing++;
        continue;
      }
      loaded++;
      link(c);
    }
    int notNeeded = 0;
    for (int i = start.size() - 1; i >= 0; i--) {
      if (pending.isDone()) {
        notNeeded = i + 1;
        break;
      }
      if (load(start.get(i)) == null) {
        missing++;
      } else {
        loaded++;
      }
    }
    Result result = new Result(loaded, missing, notNeeded, (System.nanoTime() - began) / 1_000_000);
    if (missing > 0) {
      LOG.debug("preload: {} listed classes are not on the class path", missing);
    }
    return result;
  }

  private Class<?> load(String name) {
    try {
      return Class.forName(name, false, loader);
    } catch (ClassNotFoundException | LinkageError e) {
      return null;
    }
  }

  /**
   * Links (verifies) a loaded class without initialising it: the JVM links a class before it
   * reflects on its declared constructors.
   */
  private static void link(Class<?> c) {
    try {
      c.getDeclaredConstructors();
    } catch (LinkageError | SecurityException e) {
      // the first real use reports it
    }
  }
}
