package io.github.cloudeventshandler.servlet;

import io.github.cloudeventshandler.core.AppRequest;
import io.github.cloudeventshandler.core.AppResponse;
import io.github.cloudeventshandler.core.Configuration;
import io.github.cloudeventshandler.core.DispatchException;

/**
 * Run in a child JVM with a small heap by {@code BigAnswerIT}: a 100 MB answer, capped at 6 MB and
 * as status only, then a normal request. Prints {@code OK} and exits 0 when all went as expected.
 */
public final class BigAnswerMain {
  private BigAnswerMain() {}

  public static void main(String[] args) {
    try (ServletApplication app =
        ServletApplication.start(EchoServlet.class, Configuration.builder().build())) {
      for (int i = 0; i < 3; i++) {
        try {
          app.call(
              AppRequest.builder("GET", "/big")
                  .query("mb=100")
                  .maxResponseBytes(6 * 1024 * 1024)
                  .build());
          throw new IllegalStateException("a 100 MB answer passed a 6 MB cap");
        } catch (DispatchException expected) {
          System.out.println("capped: " + expected.getMessage());
        }
        AppResponse statusOnly =
            app.call(
                AppRequest.builder("GET", "/big")
                    .query("mb=100")
                    .maxResponseBytes(AppRequest.STATUS_ONLY)
                    .build());
        if (statusOnly.status() != 200 || statusOnly.bodyLength() != 0) {
          throw new IllegalStateException("status only: " + statusOnly);
        }
      }
      if (app.call(AppRequest.builder("POST", "/echo").build()).status() != 200) {
        throw new IllegalStateException("the next request failed");
      }
    }
    System.out.println("OK heap used " + (Runtime.getRuntime().totalMemory() >> 20) + " MB");
  }
}
