package io.github.cloudeventshandler.servlet.internal;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.io.AbstractConnection;
import org.eclipse.jetty.io.ByteArrayEndPoint;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.server.ConnectionMetaData;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.util.Attributes;

/**
 * The pretend connection an in-process request comes on, one per request: HTTP/1.1, not secure, not
 * persistent, from and to the loopback address. No bytes ever travel on it; requests whose
 * connection is one of these are the dispatcher's own ({@link BridgeHandler}).
 */
final class InProcessConnection implements ConnectionMetaData {
  private static final AtomicLong IDS = new AtomicLong();
  private static final InetSocketAddress LOOPBACK =
      new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

  private final String id = Long.toString(IDS.incrementAndGet());
  private final Connector connector;
  private final HttpConfiguration http;
  private final Attributes attributes = new Attributes.Lazy();
  private Connection connection;

  InProcessConnection(Connector connector, HttpConfiguration http) {
    this.connector = connector;
    this.http = http;
  }

  @Override
  public String getId() {
    return id;
  }

  @Override
  public HttpConfiguration getHttpConfiguration() {
    return http;
  }

  @Override
  public HttpVersion getHttpVersion() {
    return HttpVersion.HTTP_1_1;
  }

  @Override
  public String getProtocol() {
    return "HTTP/1.1";
  }

  @Override
  public synchronized Connection getConnection() {
    // only asked for by servlet code that tunes an endpoint's idle timeout: give it one of its own
    if (connection == null) {
      connection = new Detached(new ByteArrayEndPoint(), connector);
    }
    return connection;
  }

  @Override
  public Connector getConnector() {
    return connector;
  }

  @Override
  public boolean isPersistent() {
    return false;
  }

  @Override
  public boolean isSecure() {
    return false;
  }

  @Override
  public SocketAddress getRemoteSocketAddress() {
    return LOOPBACK;
  }

  @Override
  public SocketAddress getLocalSocketAddress() {
    return LOOPBACK;
  }

  @Override
  public Object removeAttribute(String name) {
    return attributes.removeAttribute(name);
  }

  @Override
  public Object setAttribute(String name, Object attribute) {
    return attributes.setAttribute(name, attribute);
  }

  @Override
  public Object getAttribute(String name) {
    return attributes.getAttribute(name);
  }

  @Override
  public Set<String> getAttributeNameSet() {
    return attributes.getAttributeNameSet();
  }

  /** Identity, unlike {@link Attributes}' content equality. */
  @Override
  public boolean equals(Object o) {
    return this == o;
  }

  @Override
  public int hashCode() {
    return System.identityHashCode(this);
  }

  @Override
  public String toString() {
    return "InProcessConnection#" + id;
  }

  /** The connection object of an in-process request: no I/O ever happens on it. */
  private static final class Detached extends AbstractConnection {
    Detached(ByteArrayEndPoint endPoint, Connector connector) {
      super(endPoint, connector.getExecutor());
    }

    @Override
    public void onFillable() {
      // never filled: the request is handed over as metadata and one chunk
    }
  }
}
