package io.github.cloudeventshandler.servlet.internal;

import io.github.cloudeventshandler.core.AppRequest;
import io.github.cloudeventshandler.core.AppResponse;
import io.github.cloudeventshandler.core.ConfigurationException;
import org.eclipse.jetty.ee11.servlet.ErrorHandler;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.LocalConnector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded Jetty 12.1 ee11 server: a {@link Server} with a {@link LocalConnector} (no port),
 * the {@link AttributeHandler} in front of a {@code ServletContextHandler("/", SESSIONS)} holding
 * the application, and optionally a loopback {@link ServerConnector} for the HTTP ingress.
 */
public final class EmbeddedJetty implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedJetty.class);

  /**
   * Jetty's {@code MemoryUtils} pads its queues by the references per cache line; unless this
   * property is set, it asks the platform MBean server whether references are compressed, which
   * loads about 430 JMX classes and costs about 70 ms of a cold start. The answer is estimated here
   * instead (compressed below a 32 GB heap, as HotSpot does by default); only padding depends on
   * it.
   */
  static final String REFERENCES_PER_CACHE_LINE = "org.eclipse.jetty.util.referencesPerCacheLine";

  static {
    if (System.getProperty(REFERENCES_PER_CACHE_LINE) == null) {
      int cacheLine = Integer.getInteger("org.eclipse.jetty.util.cacheLineBytes", 64);
      boolean compressed = Runtime.getRuntime().maxMemory() < (32L << 30);
      System.setProperty(
          REFERENCES_PER_CACHE_LINE, Integer.toString(cacheLine / (compressed ? 4 : 8)));
    }
  }

  private final Server server;
  private final LocalConnector local;
  private final ServerConnector ingress;
  private final AttributeHandler attributes;
  private final EndpointPool pool;
  private final LocalDispatcher dispatcher;

  private EmbeddedJetty(JettySettings settings, Class<?> app, ClassLoader loader) {
    long started = System.nanoTime();
    QueuedThreadPool threads = new QueuedThreadPool(settings.maxThreads(), 2, 60_000);
    threads.setName("ceh-jetty");
    threads.setStopTimeout(1_000); // close() interrupts requests still running after a second
    server = new Server(threads);
    server.setStopAtShutdown(false); // a shutdown hook is the caller's business

    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    http.setSendXPoweredBy(false);
    http.setSendDateHeader(false);
    http.setRequestHeaderSize(settings.maxHeaderBytes());
    http.setResponseHeaderSize(settings.maxHeaderBytes());

    local = new LocalConnector(server, new HttpConnectionFactory(http));
    // Pooled in-process endpoints never idle out: the dispatcher closes them itself (timeouts).
    local.setIdleTimeout(0);
    server.addConnector(local);
    if (settings.httpPort() >= 0) {
      ingress = new ServerConnector(server, new HttpConnectionFactory(http));
      ingress.setHost(settings.httpHost());
      ingress.setPort(settings.httpPort());
      server.addConnector(ingress);
    } else {
      ingress = null;
    }

    ServletContextHandler context = new ServletContextHandler("/", ServletContextHandler.SESSIONS);
    context.setClassLoader(loader);
    ErrorHandler errors = new ErrorHandler();
    errors.setShowStacks(false);
    errors.setShowCauses(false);
    errors.setShowMessageInTitle(false);
    context.setErrorHandler(errors);
    String installed = ApplicationInstaller.install(app, context, loader);

    attributes = new AttributeHandler();
    attributes.setHandler(context);
    server.setHandler(attributes);

    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(loader);
    try {
      server.start();
    } catch (Exception | LinkageError e) {
      stopQuietly();
      throw new ConfigurationException(
          "CEH_APPLICATION: " + installed + " failed to start: " + e, e);
    } finally {
      thread.setContextClassLoader(previous);
    }
    if (!context.isAvailable() || !context.isStarted()) {
      stopQuietly();
      throw new ConfigurationException(
          "CEH_APPLICATION: " + installed + " failed to start: its servlet context is unavailable");
    }
    pool = new EndpointPool(local, settings.maxIdleEndpoints());
    dispatcher = new LocalDispatcher(pool, attributes);
    LOG.info(
        "started {} on Jetty ee11 in {} ms{}",
        installed,
        (System.nanoTime() - started) / 1_000_000,
        ingress == null ? "" : ", HTTP ingress on " + settings.httpHost() + ":" + httpPort());
  }

  /**
   * Starts Jetty with the application installed.
   *
   * @throws ConfigurationException when the application cannot be installed or fails to start
   */
  public static EmbeddedJetty start(JettySettings settings, Class<?> app, ClassLoader loader) {
    return new EmbeddedJetty(settings, app, loader);
  }

  /** Sends one request through the application; thread-safe. */
  public AppResponse dispatch(AppRequest request) {
    return dispatcher.dispatch(request);
  }

  /** The in-process connector. */
  public LocalConnector localConnector() {
    return local;
  }

  /** The endpoint pool. */
  public EndpointPool pool() {
    return pool;
  }

  /** The attribute handler. */
  public AttributeHandler attributes() {
    return attributes;
  }

  /** The bound port of the HTTP ingress, or -1 without one. */
  public int httpPort() {
    return ingress == null ? -1 : ingress.getLocalPort();
  }

  /** Stops Jetty; idempotent. */
  @Override
  public void close() {
    if (pool != null) {
      pool.closeIdle();
    }
    stopQuietly();
  }

  private void stopQuietly() {
    try {
      server.stop();
    } catch (Exception e) {
      LOG.warn("stopping Jetty failed", e);
    }
  }
}
