package io.github.cloudeventshandler.ingress;

import io.github.cloudeventshandler.core.Configuration;
import io.github.cloudeventshandler.core.ConfigurationException;
import io.github.cloudeventshandler.servlet.ServletApplication;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A container image's entry point: {@code java -cp app.jar:libs/*
 * io.github.cloudeventshandler.ingress.ContainerIngress} with {@code CEH_APPLICATION} naming the
 * app. Listens on {@code $PORT} (8080 when unset) at once, starts the application meanwhile
 * (readiness says {@code starting} until it is up), serves the app's own paths and the push
 * protocols under {@code /ingress/} ({@link IngressServer}), and on SIGTERM drains: readiness turns
 * false, the listener closes, requests in flight finish within {@code
 * CEH_INGRESS_SHUTDOWN_TIMEOUT_MS}, then the application stops.
 *
 * <p>Failure contract: exits with status 2 for a configuration error (a bad {@code CEH_*} value,
 * the port taken) and 1 when the application fails to start, after saying why on the log.
 */
public final class ContainerIngress {
  private static final Logger LOG = LoggerFactory.getLogger(ContainerIngress.class);

  private ContainerIngress() {}

  /** Runs until SIGTERM (or SIGINT). */
  public static void main(String[] args) throws InterruptedException {
    Configuration configuration = Configuration.fromEnvironment();
    // not ServletApplication.shared: its own shutdown hook would stop the app while requests drain
    CompletableFuture<ServletApplication> starting = new CompletableFuture<>();
    Thread starter =
        new Thread(
            () -> {
              try {
                starting.complete(ServletApplication.start(configuration));
              } catch (RuntimeException | Error e) {
                starting.completeExceptionally(e);
              }
            },
            "ceh-ingress-start");
    starter.setDaemon(true);
    IngressServer server;
    try {
      server =
          IngressServer.builder(configuration)
              .environment(System.getenv())
              .application(starting)
              .start();
    } catch (ConfigurationException | IllegalStateException e) {
      LOG.error("ingress: {}", e.getMessage(), e);
      System.exit(2);
      return;
    }
    starter.start();
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.close();
                  starting.thenAccept(ServletApplication::close);
                },
                "ceh-ingress-shutdown"));
    System.out.println("cloud-events-handler ingress listening on port " + server.port());
    System.out.flush();
    try {
      starting.join();
    } catch (CompletionException e) {
      LOG.error("ingress: the application did not start: {}", e.getCause().getMessage(), e);
      System.exit(1);
    }
    LOG.info("ingress: ready on port {}", server.port());
    server.join();
  }
}
