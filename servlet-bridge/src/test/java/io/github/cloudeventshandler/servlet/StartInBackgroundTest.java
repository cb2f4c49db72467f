package io.github.cloudeventshandler.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cloudeventshandler.core.AppRequest;
import io.github.cloudeventshandler.core.Configuration;
import io.github.cloudeventshandler.core.ConfigurationException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@link ServletApplication#sharedAsync} and {@link ServletApplication#await}: the start runs on
 * another thread, and what it throws reaches the waiting thread unchanged. (The one successful
 * shared start of this JVM is in {@link #aStartedApplicationIsTheSharedOne}; no other test of this
 * module uses the shared application; it runs last, as a failed start must run before it.)
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StartInBackgroundTest {
  @Test
  @Order(1)
  void aFailedStartIsThrownByAwaitAsTheStartThrewIt() {
    Configuration missing = Configuration.builder().application("com.example.NoSuchApp").build();
    CompletableFuture<ServletApplication> starting = ServletApplication.sharedAsync(missing);
    assertThatThrownBy(() -> ServletApplication.await(starting))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("com.example.NoSuchApp");
  }

  @Test
  void aCheckedFailureBecomesAConfigurationException() {
    CompletableFuture<ServletApplication> failed =
        CompletableFuture.failedFuture(new IOException("disk gone"));
    assertThatThrownBy(() -> ServletApplication.await(failed))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("failed to start")
        .hasMessageContaining("disk gone")
        .hasCauseInstanceOf(IOException.class);
  }

  @Test
  void anErrorIsRethrownAsIs() {
    CompletableFuture<ServletApplication> failed =
        CompletableFuture.failedFuture(new NoClassDefFoundError("jakarta/servlet/Servlet"));
    assertThatThrownBy(() -> ServletApplication.await(failed))
        .isInstanceOf(NoClassDefFoundError.class);
  }

  @Test
  void anInterruptedWaiterStillGetsTheApplicationAndKeepsItsInterrupt() throws Exception {
    CompletableFuture<ServletApplication> starting = new CompletableFuture<>();
    ServletApplication app =
        ServletApplication.start(EchoServlet.class, Configuration.builder().build());
    try {
      Thread.currentThread().interrupt();
      new Thread(
              () -> {
                try {
                  Thread.sleep(50);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
                starting.complete(app);
              })
          .start();
      assertThat(ServletApplication.await(starting)).isSameAs(app);
      assertThat(Thread.interrupted()).isTrue();
    } finally {
      app.close();
    }
  }

  @Test
  @Order(Integer.MAX_VALUE)
  void aStartedApplicationIsTheSharedOne() {
    Configuration config = Configuration.builder().application(EchoServlet.class.getName()).build();
    CompletableFuture<ServletApplication> starting = ServletApplication.sharedAsync(config);
    ServletApplication app = ServletApplication.await(starting);
    assertThat(app).isSameAs(ServletApplication.shared(config));
    assertThat(ServletApplication.sharedAsync(config)).isCompletedWithValue(app);
    String body =
        app.call(
                AppRequest.builder("POST", "/aws.s3")
                    .body("ping".getBytes(StandardCharsets.UTF_8))
                    .build())
            .bodyText();
    assertThat(body).isEqualTo("ping");
  }
}
