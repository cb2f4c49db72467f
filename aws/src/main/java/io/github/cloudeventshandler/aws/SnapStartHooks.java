package io.github.cloudeventshandler.aws;

import io.github.cloudeventshandler.core.AppRequest;
import io.github.cloudeventshandler.core.Configuration;
import io.github.cloudeventshandler.core.ConfigurationException;
import io.github.cloudeventshandler.servlet.ServletApplication;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The CRaC resource of the zero-code {@link LambdaHandler} (Lambda SnapStart runs its hooks; on a
 * JVM without CRaC they never run). Registered once per handler that started the application.
 *
 * <ul>
 *   <li><b>Before the checkpoint</b>, only when asked ({@value #PRIME_EVENT} or {@value
 *       #PRIME_ROUTE}, because priming runs the application's own code): sends synthetic requests
 *       through the application's real filter chain, {@value #PRIME_COUNT} times (default 20), so
 *       the snapshot holds loaded classes and warmed code. {@code CEH_PRIME_EVENT} names a recorded
 *       Lambda event (a file path, or a class path resource) that goes through the whole handler —
 *       read, classify, dispatch, reply; {@code CEH_PRIME_ROUTE} names one request, {@code "GET
 *       /health"}, sent straight to the application. Failures are logged, never thrown: a snapshot
 *       without priming is still a good snapshot.
 *   <li><b>After the restore</b>: re-seeds the random sources ({@link ServletApplication#reseed()})
 *       so that instances restored from one snapshot do not share them, and re-reads the {@code
 *       CEH_*} settings from the environment.
 * </ul>
 */
final class SnapStartHooks implements Resource {
  /** {@code CEH_PRIME_EVENT}: a recorded Lambda event to prime with (path or class path). */
  static final String PRIME_EVENT = "CEH_PRIME_EVENT";

  /** {@code CEH_PRIME_ROUTE}: {@code "METHOD /path"} to prime with. */
  static final String PRIME_ROUTE = "CEH_PRIME_ROUTE";

  /** {@code CEH_PRIME_COUNT}: how many times to prime (default 20). */
  static final String PRIME_COUNT = "CEH_PRIME_COUNT";

  private static final Logger LOG = LoggerFactory.getLogger(SnapStartHooks.class);

  private final LambdaHandler handler;
  private final ServletApplication application;

  private SnapStartHooks(LambdaHandler handler, ServletApplication application) {
    this.handler = handler;
    this.application = application;
  }

  /**
   * Registers the hooks of a handler; the handler keeps the returned resource (CRaC holds it
   * weakly).
   */
  static SnapStartHooks register(LambdaHandler handler, ServletApplication application) {
    SnapStartHooks hooks = new SnapStartHooks(handler, application);
    Core.getGlobalContext().register(hooks);
    return hooks;
  }

  @Override
  public void beforeCheckpoint(Context<? extends Resource> context) {
    Configuration c = handler.pipeline().configuration();
    int times = count(c);
    long start = System.nanoTime();
    int ok = 0;
    int sent = 0;
    try {
      String event = c.setting(PRIME_EVENT).orElse(null);
      String route = c.setting(PRIME_ROUTE).orElse(null);
      byte[] bytes = event == null ? null : readEvent(event.trim());
      AppRequest request = route == null ? null : request(route.trim());
      for (int i = 0; i < times && (bytes != null || request != null); i++) {
        if (bytes != null) {
          sent++;
          try {
            handler.handleRequest(
                new ByteArrayInputStream(bytes), new ByteArrayOutputStream(), null);
            ok++;
          } catch (RuntimeException e) {
            LOG.debug("priming with {} failed: {}", event, e.toString());
          }
        }
        if (request != null) {
          sent++;
          try {
            if (application.call(request).isSuccess()) {
              ok++;
            }
          } catch (RuntimeException e) {
            LOG.debug("priming with {} failed: {}", route, e.toString());
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      LOG.warn("priming before the snapshot stopped: {}", e.toString());
    }
    LOG.info(
        "before checkpoint: {} priming requests, {} answered 2xx, {} ms",
        sent,
        ok,
        (System.nanoTime() - start) / 1_000_000);
  }

  @Override
  public void afterRestore(Context<? extends Resource> context) {
    int reseeded = application.reseed();
    handler.reloadConfiguration();
    LOG.info("after restore: {} random sources re-seeded, settings re-read", reseeded);
  }

  private static int count(Configuration c) {
    String v = c.setting(PRIME_COUNT).orElse("20").trim();
    try {
      int n = Integer.parseInt(v);
      if (n < 0) {
        throw new NumberFormatException(v);
      }
      return n;
    } catch (NumberFormatException e) {
      throw new ConfigurationException(PRIME_COUNT + " must be a number >= 0, not '" + v + "'", e);
    }
  }

  private static byte[] readEvent(String name) throws IOException {
    Path path = Path.of(name);
    if (Files.isRegularFile(path)) {
      return Files.readAllBytes(path);
    }
    String resource = name.startsWith("/") ? name.substring(1) : name;
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    try (InputStream in =
        (loader != null ? loader : SnapStartHooks.class.getClassLoader())
            .getResourceAsStream(resource)) {
      if (in == null) {
        throw new ConfigurationException(
            PRIME_EVENT + ": " + name + " is neither a file nor a class path resource");
      }
      return in.readAllBytes();
    }
  }

  private static AppRequest request(String route) {
    int space = route.indexOf(' ');
    String method = space < 0 ? "GET" : route.substring(0, space).trim();
    String target = space < 0 ? route : route.substring(space + 1).trim();
    int q = target.indexOf('?');
    if (!target.startsWith("/")) {
      throw new ConfigurationException(
          PRIME_ROUTE + " must look like \"GET /path\", not '" + route + "'");
    }
    return AppRequest.builder(method, q < 0 ? target : target.substring(0, q))
        .query(q < 0 ? null : target.substring(q + 1))
        .build();
  }
}
