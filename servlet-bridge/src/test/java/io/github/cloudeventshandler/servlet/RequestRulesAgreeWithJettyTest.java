package io.github.cloudeventshandler.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cloudeventshandler.core.AppRequest;
import io.github.cloudeventshandler.core.AppResponse;
import io.github.cloudeventshandler.core.BadEventException;
import io.github.cloudeventshandler.core.Configuration;
import io.github.cloudeventshandler.core.spi.RoutePaths;
import io.github.cloudeventshandler.core.spi.SendableRequests;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Core's request rules ({@link RoutePaths}, {@link SendableRequests}) against the real Jetty of the
 * bridge, on generated inputs: every route built from any text is accepted; a path or {@code Host}
 * core accepts is accepted by Jetty, and one core refuses Jetty refuses too (so the rule is neither
 * looser nor, for ASCII input, stricter than Jetty's default compliance).
 */
class RequestRulesAgreeWithJettyTest {
  /** Gets only requests core accepts. */
  private static ServletApplication app;

  /**
   * Gets the requests core refuses, to see what Jetty does with them. A separate instance: Jetty
   * can close the connection on some of them, and a request that follows on the same application
   * must not be blamed on the rule.
   */
  private static ServletApplication refusals;

  @BeforeAll
  static void start() {
    app = ServletApplication.start(EchoServlet.class, Configuration.builder().build());
    refusals = ServletApplication.start(EchoServlet.class, Configuration.builder().build());
  }

  @AfterAll
  static void stop() {
    app.close();
    refusals.close();
  }

  private static int status(AppRequest request) {
    AppResponse res = app.call(request);
    return res.status();
  }

  /** Jetty's answer to a request core refuses; -1 when Jetty closed the connection instead. */
  private static int refusedStatus(AppRequest request) {
    try {
      return refusals.call(request).status();
    } catch (RuntimeException e) {
      return -1;
    }
  }

  private static String random(Random r, String alphabet, int max) {
    StringBuilder s = new StringBuilder();
    int len = 1 + r.nextInt(max);
    for (int i = 0; i < len; i++) {
      s.append(alphabet.charAt(r.nextInt(alphabet.length())));
    }
    return s.toString();
  }

  @Test
  void everyRouteBuiltFromAnyTextIsAccepted() {
    Random r = new Random(3);
    String alphabet = "aA.%/\\;:@?#[]~_- \u0000\u0085\u00e9\u212a\ud800\udc00\u20ac2Ff5C";
    for (int n = 0; n < 1500; n++) {
      String text = random(r, alphabet, 24);
      for (String route : List.of(RoutePaths.fromSource(text), RoutePaths.fromName(text))) {
        assertThat(status(AppRequest.builder("POST", route).build()))
            .as("route %s from %s", route, text)
            .isEqualTo(200);
      }
    }
  }

  @Test
  void pathsCoreAcceptsJettyAcceptsAndPathsCoreRefusesJettyRefuses() {
    Random r = new Random(4);
    String[] pieces = {
      "/",
      "a",
      ".",
      "..",
      "%2e",
      "%2E",
      "%2f",
      "%25",
      "%5c",
      "%00",
      "%20",
      "%C3%A9",
      "%C3",
      "%zz",
      ";p",
      ";",
      "%3B",
      "%41",
      "b",
      "%E2%82%AC",
      "%ED%A0%80",
      "~",
      "!",
      "'",
      "(",
      "+",
      "=",
      ":",
      "@"
    };
    List<String> disagreements = new ArrayList<>();
    for (int n = 0; n < 3000; n++) {
      StringBuilder p = new StringBuilder("/");
      int len = 1 + r.nextInt(6);
      for (int i = 0; i < len; i++) {
        p.append(pieces[r.nextInt(pieces.length)]);
      }
      String raw = p.toString();
      String normalised;
      try {
        normalised = SendableRequests.path(raw, "test");
      } catch (BadEventException e) {
        normalised = null;
      }
      if (normalised != null) {
        int s = status(AppRequest.builder("GET", normalised).build());
        if (s != 200) {
          disagreements.add("core accepts " + raw + " as " + normalised + ", Jetty answers " + s);
        }
      } else if (raw.equals(
          raw.replaceAll("(^|/)\\.\\.?(?=/|$)", "$1x"))) { // no literal dot segment to remove
        int s = refusedStatus(AppRequest.builder("GET", raw).build());
        if (s == 200) {
          disagreements.add("core refuses " + raw + ", Jetty accepts it");
        }
      }
    }
    assertThat(disagreements).isEmpty();
  }

  @Test
  void hostsCoreAcceptsJettyAcceptsAndHostsCoreRefusesJettyRefuses() {
    Random r = new Random(5);
    String alphabet = "ab.-_:[]019%zF@,;!$&'()*+= ";
    List<String> disagreements = new ArrayList<>();
    for (int n = 0; n < 3000; n++) {
      String host = random(r, alphabet, 12);
      String normalised;
      try {
        normalised = SendableRequests.host(host, "test");
      } catch (BadEventException e) {
        normalised = null;
      }
      if (normalised == null && (host.indexOf(' ') >= 0 || host.indexOf(',') >= 0)) {
        // stricter than Jetty on purpose: a ',' makes a Host a list (Jetty takes some such
        // values and refuses others), and outer spaces are trimmed before the rule applies
        continue;
      }
      AppRequest request =
          AppRequest.builder("GET", "/h")
              .header("Host", normalised != null ? normalised : host)
              .build();
      int s = normalised != null ? status(request) : refusedStatus(request);
      if ((normalised != null) != (s == 200)) {
        disagreements.add(
            (normalised != null ? "core accepts " : "core refuses ")
                + "["
                + host
                + "], Jetty "
                + s);
      }
    }
    assertThat(disagreements).isEmpty();
  }
}
