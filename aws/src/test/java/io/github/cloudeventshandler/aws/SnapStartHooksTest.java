package io.github.cloudeventshandler.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cloudeventshandler.servlet.ServletApplication;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.crac.Resource;
import org.eclipse.jetty.session.DefaultSessionIdManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CRaC hooks of the zero-code handler, called through the {@code org.crac} API. */
class SnapStartHooksTest {

  @Test
  void beforeCheckpointPrimesThroughTheRealFilterChainAndAfterRestoreReseeds(@TempDir Path dir)
      throws Exception {
    Path event = dir.resolve("s3.json");
    Files.writeString(event, Events.s3("primed.txt"));
    System.setProperty("ceh.application", EchoServlet.class.getName());
    System.setProperty("ceh.prime.event", event.toString());
    System.setProperty("ceh.prime.route", "POST /primed-route");
    System.setProperty("ceh.prime.count", "3");
    try (LambdaHandler handler = new LambdaHandler()) {
      Resource hooks = handler.snapStart();
      assertThat(hooks).isNotNull();
      int before = EchoServlet.CALLS.get();
      hooks.beforeCheckpoint(null);
      // three events through the handler and three requests to the route, all into the app
      assertThat(EchoServlet.CALLS.get() - before).isEqualTo(6);

      ServletApplication app = ServletApplication.shared(handler.pipeline().configuration());
      Random seededBefore = sessionRandom(app);
      hooks.afterRestore(null);
      assertThat(sessionRandom(app)).isNotSameAs(seededBefore);

      ByteArrayOutputStream out = new ByteArrayOutputStream();
      handler.handleRequest(
          new ByteArrayInputStream(Events.s3("after.txt").getBytes(StandardCharsets.UTF_8)),
          out,
          Lambda.context());
      assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"statusCode\":200");
    } finally {
      System.clearProperty("ceh.application");
      System.clearProperty("ceh.prime.event");
      System.clearProperty("ceh.prime.route");
      System.clearProperty("ceh.prime.count");
    }
  }

  @Test
  void withoutAPrimingSettingNothingReachesTheApplication() throws Exception {
    System.setProperty("ceh.application", EchoServlet.class.getName());
    try (LambdaHandler handler = new LambdaHandler()) {
      int before = EchoServlet.CALLS.get();
      handler.snapStart().beforeCheckpoint(null);
      assertThat(EchoServlet.CALLS.get()).isEqualTo(before);
    } finally {
      System.clearProperty("ceh.application");
    }
  }

  private static Random sessionRandom(ServletApplication app) throws Exception {
    Field jetty = ServletApplication.class.getDeclaredField("jetty");
    jetty.setAccessible(true);
    var embedded = (io.github.cloudeventshandler.servlet.internal.EmbeddedJetty) jetty.get(app);
    DefaultSessionIdManager ids = embedded.server().getBean(DefaultSessionIdManager.class);
    assertThat(ids).as("the session id manager").isNotNull();
    return ids.getRandom();
  }
}
