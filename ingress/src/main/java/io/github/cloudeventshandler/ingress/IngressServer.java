package io.github.cloudeventshandler.ingress;

import io.github.cloudeventshandler.aws.SnsHttpEndpoint;
import io.github.cloudeventshandler.azure.AzureEventHandler;
import io.github.cloudeventshandler.core.AppRequest;
import io.github.cloudeventshandler.core.AppResponse;
import io.github.cloudeventshandler.core.Application;
import io.github.cloudeventshandler.core.Configuration;
import io.github.cloudeventshandler.core.classifier.ClassifierRegistry;
import io.github.cloudeventshandler.core.spi.EventPipeline;
import io.github.cloudeventshandler.gcp.HttpEntryPoint;
import io.github.cloudeventshandler.servlet.ServletApplication;
import io.github.cloudeventshandler.servlet.internal.JettySettings;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Jetty server on one port for everything a container receives: the application's own paths
 * (through the servlet bridge, with its filter chain), the push protocols under {@code /ingress/}
 * (CloudEvents over HTTP, Pub/Sub push, Event Grid, Web PubSub, SNS; each answered by its cloud
 * module's implementation), and the health and readiness probes. {@link ContainerIngress} runs it
 * as a container's entry point; the runner's {@code serve} runs it on loopback with one extra
 * route.
 *
 * <pre>{@code
 * ServletApplication app = ServletApplication.start(configuration);
 * try (IngressServer server = IngressServer.builder(configuration).application(app).port(8080).start()) {
 *   server.join();
 * }
 * }</pre>
 *
 * <p>Readiness ({@value #READY}) is false while the application is starting, after it failed to
 * start, while {@link ServletApplication#isHealthy()} is false, and from the moment {@link
 * #close()} begins. Beyond {@code CEH_INGRESS_MAX_CONCURRENCY} requests at once, a request is
 * answered 503 with {@code Retry-After}. {@link #close()} drains: readiness false, then (after
 * {@code CEH_INGRESS_DRAIN_DELAY_MS}) the listener closes, requests in flight finish within {@code
 * CEH_INGRESS_SHUTDOWN_TIMEOUT_MS}, and the server stops.
 *
 * <p>Failure contract: {@link Builder#start()} throws {@link IllegalStateException} when the port
 * cannot be bound and {@link io.github.cloudeventshandler.core.ConfigurationException} for a bad
 * setting; requests never make it throw: every failure is an HTTP answer. The application is the
 * caller's to close.
 */
public final class IngressServer implements AutoCloseable {
  /** Liveness: 200 while the process serves requests and the application has not failed. */
  public static final String LIVE = "/ingress/health/live";

  /** Readiness: 200 when requests should be sent here, else 503 with the reason. */
  public static final String READY = "/ingress/health/ready";

  private static final Logger LOG = LoggerFactory.getLogger(IngressServer.class);

  private final Server server;
  private final IngressHandler handler;
  private final IngressSettings settings;

  private IngressServer(Server server, IngressHandler handler, IngressSettings settings) {
    this.server = server;
    this.handler = handler;
    this.settings = settings;
  }

  /** A builder over these settings ({@code CEH_*}: routes, limits, timeouts, the protocols'). */
  public static Builder builder(Configuration configuration) {
    return new Builder(configuration);
  }

  /** The port the server listens on. */
  public int port() {
    return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
  }

  /** Whether readiness answers 200 now. */
  public boolean isReady() {
    return handler.readiness() == null;
  }

  /** Waits until the server has stopped. */
  public void join() throws InterruptedException {
    server.join();
  }

  /**
   * Drains and stops: readiness turns false; after the drain delay the listener closes, requests in
   * flight get up to the shutdown timeout to finish (a request arriving on an open connection
   * meanwhile is answered 503), then the server stops. Idempotent; the application stays open.
   */
  @Override
  public void close() {
    if (!handler.drain()) {
      return;
    }
    long start = System.nanoTime();
    try {
      if (!settings.drainDelay().isZero()) {
        Thread.sleep(settings.drainDelay().toMillis());
      }
      server.stop();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (Exception e) {
      LOG.warn("ingress: stopping: {}", e.toString());
    }
    LOG.info(
        "ingress: stopped after {} ms; {} request(s) were still running",
        (System.nanoTime() - start) / 1_000_000,
        handler.inFlight());
  }

  /** Builds and starts an {@link IngressServer}; not thread-safe. */
  public static final class Builder {
    private final Configuration configuration;
    private IngressSettings settings;
    private CompletableFuture<? extends Application> application;
    private SnsHttpEndpoint sns;
    private final Map<String, Function<AppRequest, AppResponse>> routes = new LinkedHashMap<>();

    private Builder(Configuration configuration) {
      this.configuration = Objects.requireNonNull(configuration, "configuration");
      this.settings = IngressSettings.from(configuration, Map.of());
    }

    /** Reads the platform's {@code PORT} from this environment ({@code CEH_INGRESS_PORT} wins). */
    public Builder environment(Map<String, String> environment) {
      settings = IngressSettings.from(configuration, environment);
      return this;
    }

    /** The address to listen on ({@code CEH_INGRESS_HOST}, default {@code 0.0.0.0}). */
    public Builder host(String host) {
      settings = settings.at(Objects.requireNonNull(host, "host"), settings.port());
      return this;
    }

    /** The port ({@code 0}: any free port; default {@code PORT}, else 8080). */
    public Builder port(int port) {
      settings = settings.at(settings.host(), port);
      return this;
    }

    /** The application, already started. */
    public Builder application(Application application) {
      return application(CompletableFuture.completedFuture(application));
    }

    /**
     * The application, still starting: the server listens at once, readiness says {@code starting}
     * and every other request is answered 503 with {@code Retry-After} until it is done.
     */
    public Builder application(CompletableFuture<? extends Application> starting) {
      this.application = Objects.requireNonNull(starting, "starting");
      return this;
    }

    /** The SNS endpoint to use instead of {@link SnsHttpEndpoint#create} over these settings. */
    public Builder sns(SnsHttpEndpoint endpoint) {
      this.sns = Objects.requireNonNull(endpoint, "endpoint");
      return this;
    }

    /**
     * One more path (exactly, or followed by {@code /}) answered by {@code route} instead of the
     * application; health, readiness and the concurrency bound apply to it as to every path.
     */
    public Builder route(String path, Function<AppRequest, AppResponse> route) {
      routes.put(Objects.requireNonNull(path, "path"), Objects.requireNonNull(route, "route"));
      return this;
    }

    /** Listens and returns the running server. */
    public IngressServer start() {
      if (application == null) {
        throw new IllegalStateException("IngressServer: no application given");
      }
      CompletableFuture<? extends Application> starting = application;
      Application view = request -> starting.join().call(request);
      ProtocolFlows flows =
          new ProtocolFlows(
              new HttpEntryPoint(configuration, view),
              new AzureEventHandler(configuration, view),
              sns != null
                  ? sns
                  : SnsHttpEndpoint.create(
                      EventPipeline.create(
                          configuration,
                          ClassifierRegistry.load(IngressServer.class.getClassLoader()))),
              view,
              configuration.timeout());
      IngressHandler handler =
          new IngressHandler(configuration, settings, starting, flows, Map.copyOf(routes));
      QueuedThreadPool threads = new QueuedThreadPool(settings.maxConcurrency() + 32, 8);
      threads.setName("ceh-ingress");
      Server server = new Server(threads);
      ServerConnector connector =
          new ServerConnector(
              server, new HttpConnectionFactory(JettySettings.DEFAULT.httpConfiguration()));
      connector.setHost(settings.host());
      connector.setPort(settings.port());
      server.addConnector(connector);
      server.setStopTimeout(settings.shutdownTimeout().toMillis());
      server.setHandler(new GracefulHandler(handler));
      try {
        server.start();
      } catch (Exception e) {
        try {
          server.stop();
        } catch (Exception suppressed) {
          e.addSuppressed(suppressed);
        }
        throw new IllegalStateException(
            "IngressServer: cannot listen on " + settings.host() + ":" + settings.port(), e);
      }
      return new IngressServer(server, handler, settings);
    }
  }
}
