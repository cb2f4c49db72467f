package io.github.cloudeventshandler.servlet.internal;

import io.github.cloudeventshandler.core.AppRequest;
import io.github.cloudeventshandler.core.AppResponse;
import io.github.cloudeventshandler.core.ConfigurationException;
import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.LocalConnector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.session.DefaultSessionIdManager;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded Jetty 12.1 ee11 server: a {@link Server} whose handler is the {@link BridgeHandler}
 * in front of a {@code ServletContextHandler("/", SESSIONS)} holding the application; in-process
 * requests reach it through the {@link InProcessDispatcher} on the caller's thread (their {@code
 * Connector} is a {@link LocalConnector}, which carries no traffic of the bridge's own), and an
 * optional loopback {@link ServerConnector} serves the HTTP ingress. Every thread it starts is a
 * daemon thread.
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
  private final ServletContextHandler context;
  private final InProcessDispatcher dispatcher;
  private final AtomicBoolean closed = new AtomicBoolean();

  private EmbeddedJetty(JettySettings settings, Class<?> app, ClassLoader loader) {
    long started = System.nanoTime();
    QueuedThreadPool threads = new QueuedThreadPool(settings.maxThreads(), 2, 60_000);
    threads.setName("ceh-jetty");
    threads.setDaemon(true);
    threads.setStopTimeout(1_000); // close() interrupts requests still running after a second
    server = new Server(threads, new ScheduledExecutorScheduler("ceh-jetty-scheduler", true), null);
    server.setStopAtShutdown(false); // the shutdown hook is ServletApplication's
    server.setErrorHandler(ErrorPages.server());

    HttpConfiguration http = settings.httpConfiguration();
    local = new LocalConnector(server, new HttpConnectionFactory(http));
    server.addConnector(local);
    if (settings.httpPort() >= 0) {
      ingress = new ServerConnector(server, new HttpConnectionFactory(http));
      ingress.setHost(settings.httpHost());
      ingress.setPort(settings.httpPort());
      server.addConnector(ingress);
    } else {
      ingress = null;
    }

    context = new ServletContextHandler("/", ServletContextHandler.SESSIONS);
    context.setClassLoader(loader);
    context.setErrorHandler(ErrorPages.servlet());
    String installed = ApplicationInstaller.install(app, context, loader);

    BridgeHandler front = new BridgeHandler();
    front.setHandler(context);
    server.setHandler(front);

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
    dispatcher = new InProcessDispatcher(local, http, settings.maxAbandoned());
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

  /** Sends one request through the application on the calling thread; thread-safe. */
  public AppResponse dispatch(AppRequest request) {
    return dispatcher.dispatch(request);
  }

  /** The in-process dispatcher (its health and abandoned requests). */
  public InProcessDispatcher dispatcher() {
    return dispatcher;
  }

  /** The local connector (in-process requests name it as theirs; tests may send raw bytes). */
  public LocalConnector localConnector() {
    return local;
  }

  /** The servlet context holding the application. */
  public ServletContextHandler context() {
    return context;
  }

  /** The Jetty server. */
  public Server server() {
    return server;
  }

  /**
   * Gives every random source Jetty keeps a fresh seed (today: the session id generator's {@code
   * SecureRandom}), so that processes restored from one snapshot do not share it.
   *
   * @return how many were re-seeded
   */
  public int reseed() {
    int n = 0;
    for (DefaultSessionIdManager ids : server.getBeans(DefaultSessionIdManager.class)) {
      ids.setRandom(new SecureRandom());
      n++;
    }
    return n;
  }

  /** The bound port of the HTTP ingress, or -1 without one. */
  public int httpPort() {
    return ingress == null ? -1 : ingress.getLocalPort();
  }

  /**
   * Stops Jetty and with it the application (its context is destroyed: a Spring context closes,
   * {@code @PreDestroy} methods run); requests still running get a second before their threads are
   * interrupted. Idempotent.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    if (dispatcher != null) {
      dispatcher.close();
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
