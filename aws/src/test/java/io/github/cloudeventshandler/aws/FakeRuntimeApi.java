package io.github.cloudeventshandler.aws;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The Lambda Runtime API (version 2018-06-01) served on loopback, as far as the runtime interface
 * client uses it: {@code GET /runtime/invocation/next} hands out queued events with the {@code
 * Lambda-Runtime-*} headers and, when none is queued, holds the request open (the client crashes on
 * an empty reply); {@code POST /runtime/invocation/{id}/response} and {@code …/error} complete that
 * invocation; {@code POST /runtime/init/error} records an init failure. Every call is answered
 * promptly with 202 except {@code /next}.
 */
final class FakeRuntimeApi implements AutoCloseable {
  private static final String PREFIX = "/2018-06-01/runtime/";

  /** What the runtime client posted for one invocation. */
  record Posted(String requestId, boolean error, String body, Map<String, List<String>> headers) {}

  private record Invocation(String requestId, byte[] event) {}

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final BlockingQueue<Invocation> queue = new LinkedBlockingQueue<>();
  private final Map<String, CompletableFuture<Posted>> results = new ConcurrentHashMap<>();
  private final CompletableFuture<String> initError = new CompletableFuture<>();
  private final CompletableFuture<Long> firstNext = new CompletableFuture<>();
  final List<String> calls = new CopyOnWriteArrayList<>();
  private volatile boolean closed;

  FakeRuntimeApi() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    server.setExecutor(executor);
    server.createContext(PREFIX, this::handle);
    server.start();
  }

  /** The value for {@code AWS_LAMBDA_RUNTIME_API}: {@code 127.0.0.1:port}. */
  String address() {
    return server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort();
  }

  /** Queues an event; the returned future completes when the client posts its result. */
  CompletableFuture<Posted> invoke(String requestId, String event) {
    CompletableFuture<Posted> f = new CompletableFuture<>();
    results.put(requestId, f);
    queue.add(new Invocation(requestId, event.getBytes(StandardCharsets.UTF_8)));
    return f;
  }

  /** Waits for the result of one invocation, failing on an init error or the timeout. */
  Posted await(CompletableFuture<Posted> f, Duration timeout, Process process) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      if (initError.isDone()) {
        throw new AssertionError("runtime client reported an init error: " + initError.get());
      }
      if (!process.isAlive()) {
        throw new AssertionError("runtime client exited with status " + process.exitValue());
      }
      try {
        return f.get(100, TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("no result within " + timeout + "; calls so far: " + calls);
        }
      }
    }
  }

  /** When the client first asked for an event ({@code System.nanoTime()}). */
  CompletableFuture<Long> firstNext() {
    return firstNext;
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      String path = exchange.getRequestURI().getPath();
      calls.add(method + " " + path);
      String rest = path.substring(PREFIX.length());
      byte[] body = readAll(exchange.getRequestBody());
      if (method.equals("GET") && rest.equals("invocation/next")) {
        firstNext.complete(System.nanoTime());
        next(exchange);
      } else if (method.equals("POST") && rest.equals("init/error")) {
        initError.complete(new String(body, StandardCharsets.UTF_8));
        accepted(exchange);
      } else if (method.equals("POST")
          && rest.startsWith("invocation/")
          && (rest.endsWith("/response") || rest.endsWith("/error"))) {
        String[] parts = rest.split("/");
        String id = parts[1];
        boolean error = parts[2].equals("error");
        CompletableFuture<Posted> f = results.get(id);
        accepted(exchange);
        if (f != null) {
          f.complete(
              new Posted(
                  id,
                  error,
                  new String(body, StandardCharsets.UTF_8),
                  Map.copyOf(exchange.getRequestHeaders())));
        }
      } else {
        exchange.sendResponseHeaders(404, -1);
      }
    }
  }

  private void next(HttpExchange exchange) throws IOException {
    Invocation inv = null;
    while (inv == null && !closed) {
      try {
        inv = queue.poll(200, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    if (inv == null) {
      // shutting down: never answer /next with an empty body, just drop the connection
      return;
    }
    var h = exchange.getResponseHeaders();
    h.add("Content-Type", "application/json");
    h.add("Lambda-Runtime-Aws-Request-Id", inv.requestId());
    h.add("Lambda-Runtime-Deadline-Ms", Long.toString(System.currentTimeMillis() + 30_000));
    h.add(
        "Lambda-Runtime-Invoked-Function-Arn",
        "arn:aws:lambda:us-east-1:123456789012:function:runtime-it");
    h.add(
        "Lambda-Runtime-Trace-Id",
        "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1");
    exchange.sendResponseHeaders(200, inv.event().length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(inv.event());
    }
  }

  private static void accepted(HttpExchange exchange) throws IOException {
    byte[] ok = "{\"status\":\"OK\"}".getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(202, ok.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(ok);
    }
  }

  private static byte[] readAll(InputStream in) throws IOException {
    return in.readAllBytes();
  }

  @Override
  public void close() {
    closed = true;
    server.stop(0);
    executor.shutdownNow();
  }
}
