package io.github.cloudeventshandler.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cloudeventshandler.core.AppRequest;
import io.github.cloudeventshandler.core.AppResponse;
import io.github.cloudeventshandler.core.Configuration;
import io.github.cloudeventshandler.core.DispatchException;
import org.junit.jupiter.api.Test;

/** The entry points' application handle: started on first use, refused once closed. */
class ApplicationHandleTest {

  @Test
  void theSharedApplicationStartsOnFirstUseAndStopsWithTheHandle() {
    Configuration c =
        Configuration.builder().application(DestroyProbeServlet.class.getName()).build();
    int destroyed = DestroyProbeServlet.DESTROYED.get();
    ApplicationHandle handle = ApplicationHandle.shared(c, "TestEntryPoint");
    assertThat(handle.call(AppRequest.builder("GET", "/").build()).status()).isEqualTo(204);
    ServletApplication shared = (ServletApplication) handle.get();
    handle.close();
    handle.close();
    assertThat(shared.isClosed()).isTrue();
    assertThat(DestroyProbeServlet.DESTROYED.get()).isEqualTo(destroyed + 1);
    assertThatThrownBy(() -> handle.call(AppRequest.builder("GET", "/").build()))
        .isInstanceOf(DispatchException.class)
        .hasMessageContaining("this TestEntryPoint is closed");
  }

  @Test
  void aGivenApplicationIsNotClosedWithTheHandle() throws Exception {
    try (ServletApplication app =
        ServletApplication.start(DestroyProbeServlet.class, Configuration.builder().build())) {
      ApplicationHandle handle = ApplicationHandle.of(app, "TestEntryPoint");
      AppResponse r = handle.call(AppRequest.builder("GET", "/").build());
      assertThat(r.status()).isEqualTo(204);
      handle.close();
      assertThat(app.isClosed()).isFalse();
      assertThatThrownBy(() -> handle.get()).isInstanceOf(DispatchException.class);
    }
  }
}
