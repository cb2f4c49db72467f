package io.github.cloudeventshandler.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cloudeventshandler.core.AppRequest;
import io.github.cloudeventshandler.core.AppResponse;
import io.github.cloudeventshandler.core.Application;
import io.github.cloudeventshandler.core.ConfigurationException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link LocalCloud}: its lifecycle as an extension and by hand, isolation, concurrent sends. */
class LocalCloudTest {
  @RegisterExtension
  static final LocalCloud cloud =
      LocalCloud.of(EchoServlet.class)
          .setting("CEH_ROUTES", "{\"kinds\":{\"aws.s3\":\"/uploads\"}}");

  private static final int STARTS_BEFORE = EchoServlet.STARTS.get();

  @Test
  void theClassesSettingsApply() {
    assertThat(cloud.lambda().send(S3Events.put("bucket", "key"))).succeeded().routedTo("/uploads");
    assertThat(cloud.configuration().settings()).containsKey("CEH_ROUTES");
  }

  @Test
  void theApplicationAnswersPlainRequestsToo() {
    AppResponse r = cloud.application().call(AppRequest.builder("GET", "/hello").build());
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.bodyText()).isEqualTo("/hello null");
  }

  @Test
  void concurrentSendsKeepTheirOwnExchanges() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Boolean>> results = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        String key = "key-" + i;
        results.add(
            pool.submit(
                () -> {
                  go.await();
                  S3Events.S3Event e = S3Events.put("bucket", key);
                  PlatformReply reply = cloud.lambda().send(e);
                  return reply.requests().size() == 1
                      && Recorded.ceAttributes(reply.requests().get(0)).get("subject").equals(key)
                      && reply.exchanges().get(0).response().bodyText().endsWith(e.cloudEventId());
                }));
      }
      go.countDown();
      for (Future<Boolean> f : results) {
        assertThat(f.get(60, TimeUnit.SECONDS)).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void anotherCloudInTheSameJvmHasItsOwnApplicationAndSettings() {
    try (LocalCloud other = LocalCloud.of(EchoServlet.class).start()) {
      assertThat(other.application()).isNotSameAs(cloud.application());
      assertThat(other.lambda().send(S3Events.put("bucket", "key"))).routedTo("/aws.s3");
      assertThat(cloud.lambda().send(S3Events.put("bucket", "key"))).routedTo("/uploads");
    }
  }

  @Test
  void aClosedCloudRefusesSendsAndCanStartAgain() {
    LocalCloud c = LocalCloud.of(EchoServlet.class);
    assertThatThrownBy(() -> c.lambda().send(S3Events.put("b", "k")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("not running");
    c.start();
    Application first = c.application();
    c.close();
    c.close(); // idempotent
    assertThat(c.isRunning()).isFalse();
    assertThatThrownBy(c::application).isInstanceOf(IllegalStateException.class);
    // the closed bridge takes no more requests
    assertThatThrownBy(() -> first.call(AppRequest.builder("GET", "/").build()))
        .hasMessageContaining("closed");
    c.start();
    try {
      assertThat(c.lambda().send(S3Events.put("b", "k"))).succeeded();
    } finally {
      c.close();
    }
  }

  @Test
  void aBadSettingFailsTheStartWithItsName() {
    assertThatThrownBy(() -> LocalCloud.of(EchoServlet.class).setting("CEH_BATCH", "some").start())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("CEH_BATCH");
    assertThatThrownBy(() -> LocalCloud.of(EchoServlet.class).setting("PAYLOAD", "native"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void theEnvironmentDoesNotLeakIn() {
    System.setProperty("ceh.payload", "unwrapped");
    try (LocalCloud c = LocalCloud.of(EchoServlet.class).start()) {
      assertThat(c.configuration().settings()).doesNotContainKey("CEH_PAYLOAD");
    } finally {
      System.clearProperty("ceh.payload");
    }
  }

  @Test
  void anApplicationOfYourOwnIsUsedAndNotClosed() {
    List<String> paths = new ArrayList<>();
    Application mine =
        request -> {
          synchronized (paths) {
            paths.add(request.path());
          }
          return AppResponse.of(204);
        };
    try (LocalCloud c = LocalCloud.of(mine).start()) {
      assertThat(c.gcp().send(CloudStorageEvents.finalized("my-bucket", "o"))).succeeded();
    }
    assertThat(paths).containsExactly("/google.cloud.storage");
  }

  @Nested
  class NestedClass {
    @Test
    void usesTheOuterClassesApplication() {
      assertThat(cloud.isRunning()).isTrue();
      assertThat(cloud.lambda().send(S3Events.put("bucket", "key"))).routedTo("/uploads");
    }
  }

  @AfterAll
  static void theApplicationStartedOnceForTheClass() {
    // this class's cloud once (the nested class shares it), plus the four starts of the clouds
    // its tests made and closed themselves
    assertThat(EchoServlet.STARTS.get() - STARTS_BEFORE).isEqualTo(5);
  }
}
