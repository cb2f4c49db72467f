package io.github.cloudeventshandler.conformance;

import io.cloudevents.CloudEvent;
import io.github.cloudeventshandler.core.AppRequest;
import io.github.cloudeventshandler.core.BadEventException;
import io.github.cloudeventshandler.core.CloudEventsHandlerException;
import io.github.cloudeventshandler.core.ConfigurationException;
import io.github.cloudeventshandler.core.DispatchException;
import io.github.cloudeventshandler.core.RequestAttributes;
import io.github.cloudeventshandler.core.spi.AttributeValues;
import io.github.cloudeventshandler.core.spi.CloudEventHeaders;
import io.github.cloudeventshandler.core.spi.RoutePaths;
import io.github.cloudeventshandler.core.spi.SendableRequests;
import io.github.cloudeventshandler.servlet.internal.JettySettings;
import io.github.cloudeventshandler.servlet.internal.RequestHead;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.eclipse.jetty.server.HttpConfiguration;

/**
 * What every fuzz target checks, in one place. For any input an entry point ends in one of two
 * ways, with an application that answers every request it gets with {@code 200 {}}:
 *
 * <ul>
 *   <li>it refuses the input before anything reaches the application: a {@link BadEventException}
 *       (with its {@code Problem}) or an {@link
 *       io.github.cloudeventshandler.core.UnrecognizedEventException}, whose one-line message
 *       points to {@code docs/troubleshooting.md}; on HTTP paths a 4xx with a message body; or
 *   <li>it delivers: every request it built passes the bridge's request rules ({@link
 *       #checkRequest}) and reached the servlet through Jetty as built ({@link FuzzApplication}),
 *       and the platform's reply says so (no 5xx, no {@code batchItemFailures}).
 * </ul>
 *
 * Never another throwable, never a retryable failure ({@link DispatchException}, 5xx): the
 * application accepted everything, so a failure the platform would retry can never succeed. Each
 * check throws an {@link AssertionError} that says which rule was broken.
 */
public final class FuzzInvariant {
  /** The longest message a refusal may have (they quote values cut at 200 characters). */
  static final int MAX_MESSAGE = 8192;

  private FuzzInvariant() {}

  /** The limits the bridge checks requests against (Jetty's, as the bridge configures it). */
  private static final HttpConfiguration BRIDGE = JettySettings.DEFAULT.httpConfiguration();

  /**
   * The request rules, each from where it lives, not restated here: the request is in the normal
   * form of core's rule for requests built from events ({@link SendableRequests#normalise}: a
   * normalised path, a query of sendable characters, token header names, values without control
   * characters but HTAB or characters above U+00FF, a {@code Host} in normal form, the head within
   * {@link SendableRequests#MAX_HEAD_BYTES}), and the bridge's check of the request head ({@link
   * RequestHead}, Jetty's own rules) accepts it. An event request (one carrying a CloudEvent; a
   * plain HTTP request keeps whatever {@code ce-*} headers its caller sent) also has a valid route
   * ({@link RoutePaths#checkRoute}, after the configured prefix), a sendable {@code Content-Type},
   * bounded, encoded {@code ce-*} headers ({@link CloudEventHeaders}) and a CloudEvent whose
   * attributes are valid for their CloudEvents types.
   *
   * @throws AssertionError naming the broken rule
   */
  public static void checkRequest(AppRequest r) {
    String what = r.method() + " " + abbreviate(r.target());
    AppRequest normal;
    try {
      normal = SendableRequests.normalise(r, "fuzz");
    } catch (BadEventException e) {
      throw new AssertionError(what + ": core's request rule refuses it: " + e.getMessage(), e);
    }
    require(
        normal.path().equals(r.path()), what, "the path is not normalised (" + normal.path() + ")");
    require(
        Objects.equals(normal.query(), r.query()), what, "the query has an unsendable character");
    require(
        normal.headers().equals(r.headers()),
        what,
        "a header is not in normal form (" + abbreviate(normal.headers().toString()) + ")");
    try {
      RequestHead.of(r, BRIDGE);
    } catch (BadEventException e) {
      throw new AssertionError(what + ": the bridge refuses it: " + e.getMessage(), e);
    }
    long ce = 0;
    boolean event = r.attributes().get(RequestAttributes.CLOUD_EVENT) instanceof CloudEvent;
    for (Map.Entry<String, String> f : r.headers().fields()) {
      String name = f.getKey();
      String value = f.getValue();
      String lower = name.toLowerCase(Locale.ROOT);
      if (event && lower.equals("content-type")) {
        try {
          SendableRequests.checkContentType(value, "fuzz");
        } catch (BadEventException e) {
          throw new AssertionError(what + ": " + e.getMessage(), e);
        }
      } else if (event && lower.startsWith("ce-")) {
        ce += name.length() + value.length() + 4L;
        require(
            value.length() <= CloudEventHeaders.MAX_VALUE && printable(value, "\""),
            what,
            "header " + name + " is not an encoded, bounded ce-* value");
      }
    }
    if (event) {
      require(ce <= CloudEventHeaders.MAX_TOTAL, what, "the ce-* headers take " + ce + " bytes");
      // the route after a configured prefix: each segment by the route rule, the whole bounded
      require(
          r.path().length() <= 2 * RoutePaths.MAX_LENGTH, what, "the event request's path is long");
      for (String segment : r.path().substring(1).split("/", -1)) {
        try {
          RoutePaths.checkRoute("/" + segment);
        } catch (BadEventException e) {
          throw new AssertionError(what + ": an event request's route: " + e.getMessage(), e);
        }
      }
    }
    if (r.attributes().get(RequestAttributes.CLOUD_EVENT) instanceof CloudEvent c) {
      checkCloudEvent(c, what + " (kind " + r.attributes().get(RequestAttributes.KIND) + ")");
    }
  }

  /**
   * The attributes of a CloudEvent the application gets are valid for their CloudEvents types:
   * {@code source} (and {@code dataschema}) a URI-reference, {@code id} and {@code type} non-empty,
   * and no attribute with a control character or a lone surrogate (a CloudEvents String is a
   * sequence of Unicode characters without those).
   */
  static void checkCloudEvent(CloudEvent c, String what) {
    require(
        !c.getId().isEmpty() && !c.getType().isEmpty(), what, "the CloudEvent id or type is empty");
    try {
      new URI(c.getSource().toString());
      if (c.getDataSchema() != null) {
        new URI(c.getDataSchema().toString());
      }
    } catch (URISyntaxException e) {
      throw new AssertionError(what + ": a CloudEvent URI attribute is not a URI-reference", e);
    }
    checkString(c.getId(), "id", what);
    checkString(c.getType(), "type", what);
    checkString(c.getSource().toString(), "source", what);
    if (c.getSubject() != null) {
      checkString(c.getSubject(), "subject", what);
    }
    for (String name : c.getExtensionNames()) {
      if (c.getExtension(name) instanceof String s) {
        checkString(s, name, what);
      }
    }
  }

  private static void checkString(String s, String attribute, String what) {
    int bad =
        s.codePoints()
            .filter(
                cp -> AttributeValues.isControl(cp) || Character.getType(cp) == Character.SURROGATE)
            .findFirst()
            .orElse(-1);
    if (bad >= 0) {
      throw new AssertionError(
          what
              + ": CloudEvent attribute "
              + attribute
              + " "
              + FuzzMutations.show(s)
              + " has a control character or a lone surrogate (U+"
              + Integer.toHexString(bad).toUpperCase(java.util.Locale.ROOT)
              + ")");
    }
  }

  /**
   * The entry point threw {@code t}: it must be a refusal (see the class comment) that came before
   * any request reached the application.
   *
   * @throws AssertionError for anything else
   */
  public static void checkRefusal(Throwable t, FuzzApplication app) {
    if (t instanceof AssertionError e) {
      throw e;
    }
    if (t instanceof DispatchException) {
      throw new AssertionError(
          "a retryable DispatchException although the application accepted every request: "
              + t.getMessage(),
          t);
    }
    if (t instanceof ConfigurationException || !(t instanceof CloudEventsHandlerException)) {
      throw new AssertionError(
          "an unexpected " + t.getClass().getName() + ": " + t.getMessage(), t);
    }
    checkMessage(t.getMessage());
    if (t instanceof BadEventException b) {
      require(b.problem() != null, "refusal", "a BadEventException without a Problem");
    }
    if (app.calls() > 0) {
      throw new AssertionError(
          "refused with "
              + t.getClass().getSimpleName()
              + " after "
              + app.calls()
              + " request(s) reached the application: "
              + t.getMessage(),
          t);
    }
  }

  /**
   * An HTTP entry point answered: never 5xx; a refusal (4xx) only before anything reached the
   * application, with a message body; once the application answered, its success.
   *
   * @throws AssertionError for anything else
   */
  public static void checkAnswer(int status, byte[] body, FuzzApplication app) {
    String text = new String(body, StandardCharsets.UTF_8);
    require(status >= 100 && status < 500, "answer", "HTTP " + status + ": " + abbreviate(text));
    if (app.calls() > 0) {
      require(
          status < 400,
          "answer",
          "HTTP " + status + " after the application accepted the request: " + abbreviate(text));
    } else if (status >= 400) {
      require(!text.isBlank(), "answer", "HTTP " + status + " without a message");
      require(text.length() <= MAX_MESSAGE, "answer", "HTTP " + status + " with a huge message");
    }
  }

  /** A refusal's message: one line, bounded, pointing to its troubleshooting section. */
  static void checkMessage(String message) {
    require(message != null && !message.isBlank(), "refusal", "an exception without a message");
    require(
        message.indexOf('\n') < 0 && message.indexOf('\r') < 0,
        "refusal",
        "a message of more than one line: " + abbreviate(message));
    require(
        message.length() <= MAX_MESSAGE,
        "refusal",
        "a message of " + message.length() + " characters: " + abbreviate(message));
    require(
        message.contains("(see docs/troubleshooting.md#"),
        "refusal",
        "a message that does not point to docs/troubleshooting.md: " + abbreviate(message));
  }

  private static boolean printable(String s, String excluded) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c <= 0x20 || c >= 0x7F || excluded.indexOf(c) >= 0) {
        return false;
      }
    }
    return true;
  }

  private static void require(boolean ok, String what, String rule) {
    if (!ok) {
      throw new AssertionError(what + ": " + rule);
    }
  }

  static String abbreviate(String s) {
    return s.length() <= 300 ? s : s.substring(0, 300) + "… (" + s.length() + " chars)";
  }
}
