package io.github.cloudeventshandler.servlet;

import io.github.cloudeventshandler.core.AppRequest;
import io.github.cloudeventshandler.core.AppResponse;
import io.github.cloudeventshandler.core.Application;
import io.github.cloudeventshandler.core.Configuration;
import io.github.cloudeventshandler.core.ConfigurationException;
import io.github.cloudeventshandler.core.DispatchException;
import io.github.cloudeventshandler.servlet.internal.ApplicationInstaller;
import io.github.cloudeventshandler.servlet.internal.EmbeddedJetty;
import io.github.cloudeventshandler.servlet.internal.JettySettings;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A servlet application running in-process on embedded Jetty 12.1 (ee11), reachable as an {@link
 * Application}: every {@link AppRequest} goes through Jetty's request handling and the app's real
 * filter chain on the caller's thread (no port, no bytes parsed), and comes back as an {@link
 * AppResponse}.
 *
 * <pre>{@code
 * // CEH_APPLICATION=com.example.BooksApp (a Servlet, a ServletContainerInitializer,
 * // or e.g. a SpringBootServletInitializer subclass)
 * ServletApplication app = ServletApplication.start(Configuration.fromEnvironment());
 * AppResponse res = app.call(AppRequest.builder("POST", "/aws.s3").body(bytes).build());
 * app.close();
 * }</pre>
 *
 * <p>The application class is loaded with the thread context class loader and installed as: a
 * {@code jakarta.servlet.Servlet} registered on {@code /}; a {@code ServletContainerInitializer};
 * or a class that a {@code ServletContainerInitializer} found with {@link java.util.ServiceLoader}
 * accepts through {@code @HandlesTypes} (no classpath scanning). Request attributes of the {@link
 * AppRequest} become servlet request attributes.
 *
 * <p>Failure contract: {@code start} throws {@link ConfigurationException} when the class is
 * missing, is not installable, or fails to start (fail fast at cold start). {@link #call} throws
 * {@link io.github.cloudeventshandler.core.BadEventException} for a header or target that cannot be
 * sent safely and {@link DispatchException} on timeout or a broken exchange; an exception thrown by
 * the application is a 500 response, not an exception. Start once per process and {@link #close()}
 * on shutdown (registering a shutdown hook is the caller's business), or let {@link
 * #shared(Configuration)} do both, as the zero-code entry points of every cloud module do. Every
 * thread the bridge starts is a daemon thread: a {@code main} that never closes it still exits.
 */
public final class ServletApplication implements Application, AutoCloseable {
  /**
   * {@code CEH_MAX_ABANDONED_REQUESTS}: how many requests may run on past their timeout before the
   * application reports itself unhealthy and refuses new requests (default 16).
   */
  public static final String MAX_ABANDONED_REQUESTS = "CEH_MAX_ABANDONED_REQUESTS";

  /** How long the shutdown hook waits for running requests and the application to stop. */
  static final long SHUTDOWN_MILLIS = 5_000;

  private static final Logger LOG = LoggerFactory.getLogger(ServletApplication.class);

  private final EmbeddedJetty jetty;
  private final String name;
  private volatile boolean closed;

  private ServletApplication(EmbeddedJetty jetty, String name) {
    this.jetty = jetty;
    this.name = name;
  }

  /**
   * Starts the application named by {@code CEH_APPLICATION}, loaded with the thread context class
   * loader.
   *
   * @throws ConfigurationException when it is not set, not found, not installable or fails to start
   */
  public static ServletApplication start(Configuration configuration) {
    return builder().configuration(configuration).start();
  }

  /**
   * The process-wide application that the zero-code entry points share: started on the first call,
   * with that call's configuration, and stopped by a shutdown hook; every later call returns the
   * same instance. A start that fails is not remembered, so the next call tries again (and fails
   * the same way while the configuration is wrong).
   *
   * @throws ConfigurationException when {@code CEH_APPLICATION} is missing or the application does
   *     not start, or when a later call names a different application class than the running one
   */
  public static ServletApplication shared(Configuration configuration) {
    ServletApplication app = Shared.started;
    if (app == null) {
      synchronized (Shared.class) {
        app = Shared.started;
        if (app == null) {
          app = start(configuration);
          Runtime.getRuntime().addShutdownHook(shutdownHook(app));
          Shared.started = app;
          Shared.applicationClass = configuration.requireApplication();
        }
      }
    }
    String asked = configuration.application().orElse(Shared.applicationClass);
    if (!asked.equals(Shared.applicationClass)) {
      throw new ConfigurationException(
          "this process already runs "
              + Shared.applicationClass
              + " as its shared application; it cannot also run "
              + asked
              + " (use start(...) for a second application)");
    }
    return app;
  }

  /**
   * Starts the {@linkplain #shared(Configuration) shared} application on a new thread and returns
   * at once, so that a cold start can do its other work (loading classifiers, the first event)
   * while Jetty and the application start. The thread gets the caller's context class loader. The
   * future completes with the instance {@link #shared(Configuration)} returns, or exceptionally
   * with its {@link ConfigurationException}; {@link #await(CompletableFuture)} unwraps it.
   */
  public static CompletableFuture<ServletApplication> sharedAsync(Configuration configuration) {
    Objects.requireNonNull(configuration, "configuration");
    if (Shared.started != null) {
      return CompletableFuture.completedFuture(shared(configuration));
    }
    CompletableFuture<ServletApplication> future = new CompletableFuture<>();
    Thread thread =
        new Thread(
            () -> {
              try {
                future.complete(shared(configuration));
              } catch (RuntimeException | Error e) {
                future.completeExceptionally(e);
              }
            },
            "cloud-events-handler-start");
    thread.setContextClassLoader(Thread.currentThread().getContextClassLoader());
    thread.setDaemon(true);
    thread.start();
    return future;
  }

  /**
   * Waits for an application that {@link #sharedAsync(Configuration)} is starting.
   *
   * @throws ConfigurationException (or whatever else the start threw, unwrapped) when it failed
   */
  public static ServletApplication await(CompletableFuture<ServletApplication> starting) {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return starting.get();
        } catch (InterruptedException e) {
          interrupted = true; // finish the wait: a half-started application is no use to anyone
        } catch (ExecutionException | CompletionException e) {
          Throwable cause = e.getCause() == null ? e : e.getCause();
          if (cause instanceof RuntimeException r) {
            throw r;
          }
          if (cause instanceof Error err) {
            throw err;
          }
          throw new ConfigurationException(
              "the servlet application failed to start: " + cause, cause);
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * The JVM shutdown hook of the shared application (SIGTERM: Lambda with an extension, Cloud Run,
   * Azure): closes it on a second thread and waits at most {@link #SHUTDOWN_MILLIS}, so a stuck
   * {@code @PreDestroy} cannot hold the process past the platform's grace period.
   */
  static Thread shutdownHook(ServletApplication app) {
    Thread hook =
        new Thread(
            () -> {
              Thread closer = new Thread(app::close, "cloud-events-handler-close");
              closer.setDaemon(true);
              closer.start();
              try {
                closer.join(SHUTDOWN_MILLIS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              if (closer.isAlive()) {
                LOG.warn(
                    "{} did not stop within {} ms of the shutdown signal; exiting anyway",
                    app,
                    SHUTDOWN_MILLIS);
              }
            },
            "cloud-events-handler-shutdown");
    return hook;
  }

  /** The state of {@link #shared(Configuration)}. */
  private static final class Shared {
    private static volatile ServletApplication started;
    private static volatile String applicationClass;
  }

  /**
   * Starts the given application class.
   *
   * @throws ConfigurationException when it is not installable or fails to start
   */
  public static ServletApplication start(Class<?> applicationClass, Configuration configuration) {
    return builder().application(applicationClass).configuration(configuration).start();
  }

  /** A builder, for the HTTP ingress and tuning. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Sends one request through the application and returns its response. Safe to call from many
   * threads at once; waits at most {@link AppRequest#timeout()}.
   *
   * @throws io.github.cloudeventshandler.core.BadEventException when a header name or value or the
   *     request target cannot be sent safely
   * @throws DispatchException when the application does not answer in time, the exchange breaks, or
   *     this application is closed
   */
  @Override
  public AppResponse call(AppRequest request) {
    Objects.requireNonNull(request, "request");
    if (closed) {
      throw new DispatchException(
          "the servlet application " + name + " is closed; cannot dispatch " + request);
    }
    return jetty.dispatch(request);
  }

  /**
   * Whether the application takes requests: false once it is closed, or while too many requests run
   * on past their timeout ({@value #MAX_ABANDONED_REQUESTS}); then {@link #call} fails at once with
   * a {@link DispatchException} that says why.
   */
  public boolean isHealthy() {
    return !closed && jetty.dispatcher().unhealthy() == null;
  }

  /**
   * Re-seeds the random sources the bridge and Jetty keep (the session id generator): call it after
   * a process is restored from a snapshot (CRaC, Lambda SnapStart), so that restored copies do not
   * generate the same session ids. The bridge itself keeps no secret of its own.
   *
   * @return how many random sources were re-seeded
   */
  public int reseed() {
    return jetty.reseed();
  }

  /** The bound port of the HTTP ingress, or -1 when it was not asked for. */
  public int httpPort() {
    return jetty.httpPort();
  }

  /**
   * Stops Jetty and the application (its servlet context is destroyed: a Spring context closes and
   * {@code @PreDestroy} methods run); requests still running get a second. Idempotent; later calls
   * fail with a {@link DispatchException}.
   */
  @Override
  public void close() {
    closed = true;
    synchronized (Shared.class) {
      if (Shared.started == this) {
        Shared.started = null; // the next shared(...) starts a fresh one
        Shared.applicationClass = null;
      }
    }
    jetty.close();
  }

  /** Whether {@link #close()} was called. */
  public boolean isClosed() {
    return closed;
  }

  @Override
  public String toString() {
    return "ServletApplication[" + name + (closed ? ", closed]" : "]");
  }

  /** For tests in this package: the embedded server. */
  EmbeddedJetty jetty() {
    return jetty;
  }

  /** Builds and starts a {@link ServletApplication}; not thread-safe. */
  public static final class Builder {
    private Configuration configuration;
    private Class<?> applicationClass;
    private ClassLoader classLoader;
    private int httpPort = JettySettings.DEFAULT.httpPort();
    private String httpHost = JettySettings.DEFAULT.httpHost();
    private int maxThreads = JettySettings.DEFAULT.maxThreads();
    private Integer maxAbandoned;

    private Builder() {}

    /** The configuration; its {@code CEH_APPLICATION} names the app unless a class is given. */
    public Builder configuration(Configuration configuration) {
      this.configuration = Objects.requireNonNull(configuration, "configuration");
      return this;
    }

    /** The application class, instead of {@code CEH_APPLICATION}. */
    public Builder application(Class<?> applicationClass) {
      this.applicationClass = Objects.requireNonNull(applicationClass, "applicationClass");
      return this;
    }

    /** The class loader for the application; defaults to the thread context class loader. */
    public Builder classLoader(ClassLoader classLoader) {
      this.classLoader = Objects.requireNonNull(classLoader, "classLoader");
      return this;
    }

    /**
     * Also serve the application over real HTTP on {@code 127.0.0.1:port} (0 picks a free port, see
     * {@link ServletApplication#httpPort()}), for local development. Requests that arrive there
     * carry no bridge attributes.
     */
    public Builder httpPort(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("not a port: " + port);
      }
      this.httpPort = port;
      return this;
    }

    /** The address the HTTP ingress binds to; {@code 127.0.0.1} unless set. */
    public Builder httpHost(String host) {
      this.httpHost = Objects.requireNonNull(host, "host");
      return this;
    }

    /**
     * The most Jetty worker threads, which serve the HTTP ingress (in-process requests run on the
     * caller's thread); 200 unless set.
     */
    public Builder maxThreads(int maxThreads) {
      this.maxThreads = maxThreads;
      return this;
    }

    /**
     * How many requests may run on past their timeout before the application reports itself
     * unhealthy and refuses new ones; {@value ServletApplication#MAX_ABANDONED_REQUESTS}, else 16,
     * unless set.
     */
    public Builder maxAbandoned(int maxAbandoned) {
      this.maxAbandoned = maxAbandoned;
      return this;
    }

    /**
     * Starts Jetty with the application.
     *
     * @throws ConfigurationException when the application is not set, not found, not installable or
     *     fails to start
     */
    public ServletApplication start() {
      ClassLoader loader = classLoader;
      if (loader == null) {
        loader = Thread.currentThread().getContextClassLoader();
      }
      if (loader == null) {
        loader = ServletApplication.class.getClassLoader();
      }
      Class<?> app = applicationClass;
      if (app == null) {
        if (configuration == null) {
          throw new ConfigurationException(
              "no application: give an application class or a Configuration with"
                  + " CEH_APPLICATION");
        }
        app = ApplicationInstaller.load(configuration.requireApplication(), loader);
      } else if (classLoader == null) {
        loader = app.getClassLoader() == null ? loader : app.getClassLoader();
      }
      JettySettings settings;
      try {
        settings =
            new JettySettings(
                maxThreads,
                JettySettings.DEFAULT.maxHeaderBytes(),
                httpHost,
                httpPort,
                maxAbandoned != null ? maxAbandoned : configuredMaxAbandoned());
      } catch (IllegalArgumentException e) {
        throw new ConfigurationException("servlet bridge settings: " + e.getMessage(), e);
      }
      return new ServletApplication(EmbeddedJetty.start(settings, app, loader), app.getName());
    }

    private int configuredMaxAbandoned() {
      String v =
          configuration == null ? null : configuration.setting(MAX_ABANDONED_REQUESTS).orElse(null);
      if (v == null) {
        return JettySettings.DEFAULT.maxAbandoned();
      }
      try {
        return Integer.parseInt(v.trim());
      } catch (NumberFormatException e) {
        throw new ConfigurationException(
            MAX_ABANDONED_REQUESTS + " must be a positive integer, not '" + v + "'", e);
      }
    }
  }
}
