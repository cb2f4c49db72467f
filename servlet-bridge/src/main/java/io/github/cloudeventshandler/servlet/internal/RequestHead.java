package io.github.cloudeventshandler.servlet.internal;

import io.github.cloudeventshandler.core.AppRequest;
import io.github.cloudeventshandler.core.BadEventException;
import io.github.cloudeventshandler.core.BadEventException.Problem;
import io.github.cloudeventshandler.core.Headers;
import io.github.cloudeventshandler.core.spi.EventField;
import io.github.cloudeventshandler.core.spi.SendableRequests;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.eclipse.jetty.http.ComplianceUtils;
import org.eclipse.jetty.http.ComplianceViolation;
import org.eclipse.jetty.http.HostPortHttpField;
import org.eclipse.jetty.http.HttpException;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpScheme;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.http.MetaData;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.HttpConfiguration;

/**
 * The request line and header fields of an {@link AppRequest} as Jetty's own {@link
 * MetaData.Request}, checked the way Jetty's HTTP/1.1 parser and URI rules check a request from a
 * socket, so that a request Jetty would refuse is a {@link BadEventException} here and never
 * reaches the application (nor becomes a silent 400):
 *
 * <ul>
 *   <li>the method and header names are RFC 9110 tokens; header values have no control characters
 *       other than HTAB and nothing above U+00FF ({@code obs-text} up to U+00FF passes as is);
 *   <li>the target is printable ASCII, parses as a URI, and has no violation of the configured
 *       {@link UriCompliance} and no ambiguous segment or separator ({@code %2F}, {@code %25},
 *       {@code ..} escaping the root), which the servlet layer would refuse;
 *   <li>{@code Host} is a valid host and port; the whole header section fits {@link
 *       HttpConfiguration#getRequestHeaderSize()}.
 * </ul>
 *
 * <p>Fields are as on the wire before: {@code Host} first (the request's first {@code Host}, else
 * {@code localhost}), then the request's fields without the framing and hop-by-hop ones, then the
 * computed {@code Content-Length}. Values are trimmed of surrounding spaces and tabs, as Jetty's
 * parser does.
 */
public final class RequestHead {
  /** Request fields the bridge never forwards: it frames the message itself. */
  static final Set<HttpHeader> DROPPED =
      EnumSet.of(
          HttpHeader.CONTENT_LENGTH,
          HttpHeader.TRANSFER_ENCODING,
          HttpHeader.CONNECTION,
          HttpHeader.KEEP_ALIVE,
          HttpHeader.PROXY_CONNECTION,
          HttpHeader.EXPECT,
          HttpHeader.UPGRADE,
          HttpHeader.TE,
          HttpHeader.HOST);

  /** {@code " HTTP/1.1\r\n"}, and the {@code ": "} and CRLF around each field, as on the wire. */
  private static final int REQUEST_LINE_EXTRA = 12;

  private static final int FIELD_EXTRA = 4;

  private RequestHead() {}

  /**
   * The checked request head.
   *
   * @throws BadEventException {@link Problem#UNSAFE_PATH} for a method or target Jetty would
   *     refuse, {@link Problem#UNSAFE_HEADER} for a header name, value or {@code Host} it would
   *     refuse, {@link Problem#HEADERS_TOO_LARGE} for a header section over the limit (431)
   */
  public static MetaData.Request of(AppRequest request, HttpConfiguration http) {
    String method = request.method();
    if (!Headers.isToken(method)) {
      throw new BadEventException(
          Problem.UNSAFE_PATH,
          "request method " + EventField.quote(method) + " is not an HTTP token");
    }
    String target = request.target();
    for (int i = 0; i < target.length(); i++) {
      char c = target.charAt(i);
      if (c <= 0x20 || c >= 0x7f) {
        throw new BadEventException(
            Problem.UNSAFE_PATH,
            "request target "
                + EventField.quote(target)
                + " contains a character that must be percent-encoded at index "
                + i);
      }
    }
    long headerBytes = method.length() + 1 + target.length() + REQUEST_LINE_EXTRA;

    String host = SendableRequests.trimmed(request.header("Host").orElse("localhost"));
    checkValue("Host", host);
    HostPortHttpField hostField;
    try {
      hostField = new HostPortHttpField(host);
    } catch (RuntimeException e) {
      throw new BadEventException(
          Problem.UNSAFE_HEADER,
          "header Host " + EventField.quote(host) + " is not a valid host[:port]",
          e);
    }
    if (hostField.getHost().isBlank()) {
      throw new BadEventException(Problem.UNSAFE_HEADER, "header Host is blank");
    }
    HttpFields.Mutable fields = HttpFields.build(request.headers().size() + 2);
    fields.add(hostField);
    headerBytes += 4 + host.length() + FIELD_EXTRA;

    for (Map.Entry<String, String> field : request.headers().fields()) {
      String name = field.getKey();
      if (!Headers.isToken(name)) {
        throw new BadEventException(
            Problem.UNSAFE_HEADER,
            "header name " + EventField.quote(name) + " is not an HTTP token");
      }
      HttpHeader known = HttpHeader.CACHE.get(name);
      if (known != null && DROPPED.contains(known)) {
        continue;
      }
      String value = SendableRequests.trimmed(field.getValue());
      checkValue(name, value);
      if (known != null) {
        // Jetty's own constant and spelling, as its parser hands known fields over
        fields.add(known, value);
      } else {
        fields.add(name, value);
      }
      headerBytes += name.length() + value.length() + FIELD_EXTRA;
    }
    int length = request.bodyLength();
    fields.add(HttpHeader.CONTENT_LENGTH, length);
    headerBytes += 16 + Integer.toString(length).length() + FIELD_EXTRA + 2;
    int max = http.getRequestHeaderSize();
    if (headerBytes > max) {
      throw new BadEventException(
          Problem.HEADERS_TOO_LARGE,
          "the request line and header fields of "
              + method
              + " "
              + EventField.quote(request.path())
              + " take "
              + headerBytes
              + " bytes, over the limit of "
              + max
              + " (Jetty would answer 431)");
    }

    HttpURI.Mutable uri;
    try {
      uri = HttpURI.build(method, target);
    } catch (RuntimeException e) {
      throw unsafePath(target, e.getMessage(), e);
    }
    uri.scheme(HttpScheme.HTTP);
    int port = hostField.getPort();
    uri.authority(hostField.getHost(), port == 80 ? -1 : port);
    HttpURI immutable = uri.asImmutable();
    checkUri(immutable, target, http.getUriCompliance());
    return new MetaData.Request(
        System.nanoTime(), method, immutable, HttpVersion.HTTP_1_1, fields.asImmutable(), length);
  }

  /** The checks of Jetty's request handling and of its servlet layer (ambiguous URIs). */
  private static void checkUri(HttpURI uri, String target, UriCompliance compliance) {
    if (uri.getPath() == null || uri.getCanonicalPath() == null) {
      throw unsafePath(target, "the path escapes the root or cannot be normalised", null);
    }
    if (!uri.hasViolations()) {
      return;
    }
    try {
      ComplianceUtils.verify(
          compliance,
          uri,
          ComplianceViolation.Listener.NOOP,
          message -> new HttpException.RuntimeException(400, message));
    } catch (HttpException.RuntimeException e) {
      throw unsafePath(target, e.getReason(), e);
    }
    for (UriCompliance.Violation v : uri.getViolations()) {
      if (UriCompliance.AMBIGUOUS_VIOLATIONS.contains(v)) {
        throw unsafePath(target, "ambiguous URI: " + v.getDescription(), null);
      }
    }
  }

  private static BadEventException unsafePath(String target, String why, Throwable cause) {
    return new BadEventException(
        Problem.UNSAFE_PATH,
        "request target " + EventField.quote(target) + " is refused by Jetty's URI rules: " + why,
        cause);
  }

  private static void checkValue(String name, String value) {
    int control = SendableRequests.controlCharacterAt(value);
    if (control >= 0) {
      throw new BadEventException(
          Problem.UNSAFE_HEADER,
          "header "
              + name
              + " contains the control character "
              + String.format(Locale.ROOT, "U+%04X", (int) value.charAt(control))
              + " at index "
              + control
              + " of its value");
    }
    for (int i = 0; i < value.length(); i++) {
      if (value.charAt(i) > 0xff) {
        throw new BadEventException(
            Problem.UNSAFE_HEADER,
            "header "
                + name
                + " contains a character above U+00FF at index "
                + i
                + " of its value; HTTP header values are not UTF-8 (percent-encode it)");
      }
    }
  }
}
