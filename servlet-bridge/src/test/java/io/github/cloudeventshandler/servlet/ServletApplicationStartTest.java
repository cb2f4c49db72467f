package io.github.cloudeventshandler.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cloudeventshandler.core.AppRequest;
import io.github.cloudeventshandler.core.AppResponse;
import io.github.cloudeventshandler.core.Configuration;
import io.github.cloudeventshandler.core.ConfigurationException;
import io.github.cloudeventshandler.core.DispatchException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** How the application class named by the configuration is found, installed and started. */
class ServletApplicationStartTest {
  private static final Configuration NONE = Configuration.builder().build();

  private static AppResponse ping(ServletApplication app) {
    return app.call(
        AppRequest.builder("POST", "/aws.s3")
            .body("ping".getBytes(StandardCharsets.UTF_8))
            .build());
  }

  @Test
  void plainServletByNameIsServedOnRoot() {
    Configuration config = Configuration.builder().application(EchoServlet.class.getName()).build();
    try (ServletApplication app = ServletApplication.start(config)) {
      AppResponse res = ping(app);
      assertThat(res.status()).isEqualTo(200);
      assertThat(res.bodyText()).isEqualTo("ping");
      assertThat(res.header("X-Uri")).contains("/aws.s3");
    }
  }

  @Test
  void servletContainerInitializerIsAdded() {
    try (ServletApplication app = ServletApplication.start(EchoInitializer.class, NONE)) {
      assertThat(ping(app).bodyText()).isEqualTo("ping");
    }
  }

  @Test
  void classHandledThroughHandlesTypesOfServiceLoadedInitializer() {
    Configuration config = Configuration.builder().application(ModuleApp.class).build();
    try (ServletApplication app = ServletApplication.start(config)) {
      assertThat(ping(app).bodyText()).isEqualTo("ping");
    }
  }

  @Test
  void missingClassIsAConfigurationErrorNamingIt() {
    Configuration config = Configuration.builder().application("com.example.NoSuchApp").build();
    assertThatThrownBy(() -> ServletApplication.start(config))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("com.example.NoSuchApp")
        .hasMessageContaining("not found");
  }

  @Test
  void unsetApplicationIsAConfigurationError() {
    assertThatThrownBy(() -> ServletApplication.start(NONE))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("CEH_APPLICATION");
  }

  @Test
  void classThatNoInitializerHandlesIsAConfigurationErrorListingWhatWasTried() {
    assertThatThrownBy(() -> ServletApplication.start(StringBuilder.class, NONE))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("java.lang.StringBuilder")
        .hasMessageContaining("not a jakarta.servlet.Servlet")
        .hasMessageContaining(TestModuleInitializer.class.getName())
        .hasMessageContaining(TestModule.class.getName());
  }

  @Test
  void applicationStartupFailureFailsFastAtStart() {
    assertThatThrownBy(() -> ServletApplication.start(FailingModuleApp.class, NONE))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining(FailingModuleApp.class.getName())
        .hasMessageContaining("failed to start")
        .hasStackTraceContaining("bean creation failed on purpose");
  }

  @Test
  void servletInitFailureFailsFastAtStart() {
    assertThatThrownBy(() -> ServletApplication.start(FailingInitServlet.class, NONE))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining(FailingInitServlet.class.getName())
        .hasStackTraceContaining("init failed on purpose");
  }

  @Test
  void callAfterCloseIsADispatchError() {
    ServletApplication app = ServletApplication.start(EchoServlet.class, NONE);
    app.close();
    app.close(); // idempotent
    assertThatThrownBy(() -> ping(app))
        .isInstanceOf(DispatchException.class)
        .hasMessageContaining("closed");
  }

  @Test
  void failingStaticInitializerIsAConfigurationError() {
    assertThatThrownBy(() -> ServletApplication.start(BrokenStaticServlet.class, NONE))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining(BrokenStaticServlet.class.getName())
        .hasStackTraceContaining("static init failed on purpose");
    assertThatThrownBy(() -> ServletApplication.start(BrokenStaticInitializer.class, NONE))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining(BrokenStaticInitializer.class.getName());
  }

  /** A servlet whose class initialization fails. */
  public static class BrokenStaticServlet extends jakarta.servlet.http.HttpServlet {
    private static final long serialVersionUID = 1L;
    static final int VALUE = fail();

    static int fail() {
      throw new IllegalStateException("static init failed on purpose");
    }
  }

  /** An initializer whose class initialization fails. */
  public static class BrokenStaticInitializer
      implements jakarta.servlet.ServletContainerInitializer {
    static final int VALUE = BrokenStaticServlet.fail();

    @Override
    public void onStartup(java.util.Set<Class<?>> c, jakarta.servlet.ServletContext ctx) {}
  }

  /** A servlet whose {@code init} throws. */
  public static class FailingInitServlet extends jakarta.servlet.http.HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    public void init() throws jakarta.servlet.ServletException {
      throw new jakarta.servlet.ServletException("init failed on purpose");
    }
  }

  @Test
  void closeDestroysTheApplicationOnceAndLaterCallsFail() {
    int before = DestroyProbeServlet.DESTROYED.get();
    ServletApplication app =
        ServletApplication.start(DestroyProbeServlet.class, Configuration.builder().build());
    assertThat(app.call(AppRequest.builder("GET", "/").build()).status()).isEqualTo(204);
    app.close();
    app.close();
    assertThat(DestroyProbeServlet.DESTROYED.get()).isEqualTo(before + 1);
    assertThat(app.isHealthy()).isFalse();
    assertThatThrownBy(() -> app.call(AppRequest.builder("GET", "/").build()))
        .isInstanceOf(DispatchException.class)
        .hasMessageContaining("closed");
  }

  @Test
  void everyThreadTheBridgeStartsIsADaemonThread() {
    try (ServletApplication app =
        ServletApplication.builder()
            .application(DestroyProbeServlet.class)
            .configuration(Configuration.builder().build())
            .httpPort(0)
            .start()) {
      app.call(AppRequest.builder("GET", "/").build());
      assertThat(Thread.getAllStackTraces().keySet())
          .filteredOn(
              t ->
                  t.getName().startsWith("ceh-jetty")
                      || t.getName().startsWith("cloud-events-handler"))
          .isNotEmpty()
          .allMatch(Thread::isDaemon);
    }
  }
}
