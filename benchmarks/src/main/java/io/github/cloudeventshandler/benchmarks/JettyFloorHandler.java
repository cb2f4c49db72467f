package io.github.cloudeventshandler.benchmarks;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.server.LocalConnector;
import org.eclipse.jetty.server.Server;

/**
 * The cold-start floor of any servlet-on-Jetty approach, for {@link ColdStart}: the constructor
 * starts a bare Jetty 12.1 ee11 server (a {@link LocalConnector}, a {@code ServletContextHandler}
 * with sessions, {@link TrivialServlet}), and each event becomes one hand-written HTTP/1.1 request
 * over a new local connection, answered with {@code {}}. No classification, no CloudEvent, no JSON:
 * whatever this costs above {@link EmptyStreamHandler} is Jetty's, and the bridge cannot go below
 * it without leaving Jetty.
 */
public final class JettyFloorHandler implements RequestStreamHandler {
  private static final byte[] EMPTY = "{}".getBytes(StandardCharsets.UTF_8);

  private final LocalConnector connector;

  /** Starts Jetty; fails the init phase when it cannot. */
  public JettyFloorHandler() {
    Server server = new Server();
    connector = new LocalConnector(server);
    server.addConnector(connector);
    ServletContextHandler context = new ServletContextHandler("/", ServletContextHandler.SESSIONS);
    context.addServlet(TrivialServlet.class, "/");
    server.setHandler(context);
    try {
      server.start();
    } catch (Exception e) {
      throw new IllegalStateException("Jetty did not start", e);
    }
  }

  @Override
  public void handleRequest(InputStream input, OutputStream output, Context context)
      throws IOException {
    byte[] body = input.readAllBytes();
    String head =
        "POST /aws.s3 HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
            + "Content-Length: "
            + body.length
            + "\r\nConnection: close\r\n\r\n";
    ByteBuffer request = ByteBuffer.allocate(head.length() + body.length);
    request.put(head.getBytes(StandardCharsets.ISO_8859_1)).put(body).flip();
    try {
      ByteBuffer response = connector.getResponse(request);
      if (response == null || response.remaining() == 0) {
        throw new UncheckedIOException(new IOException("no response from Jetty"));
      }
    } catch (Exception e) {
      throw new IOException("the request through Jetty failed", e);
    }
    output.write(EMPTY);
  }
}
