package io.github.cloudeventshandler.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link ContainerIngress} as a container runs it: its own JVM, {@code CEH_APPLICATION} and {@code
 * PORT} from the environment, stopped with a real SIGTERM ({@link Process#destroy()}) while
 * requests are in flight; every one of them is answered.
 */
class ContainerIngressIT {
  private static final Pattern LISTENING = Pattern.compile("listening on port (\\d+)");

  @Test
  @Timeout(120)
  void sigtermDrainsRequestsInFlight() throws Exception {
    ProcessBuilder pb =
        new ProcessBuilder(
            new File(System.getProperty("java.home"), "bin/java").getPath(),
            "-cp",
            System.getProperty("java.class.path"),
            "-Djava.util.logging.config.file="
                + System.getProperty("java.util.logging.config.file", ""),
            ContainerIngress.class.getName());
    pb.environment().put("CEH_APPLICATION", SlowServlet.class.getName());
    pb.environment().put("PORT", "0");
    pb.environment().put("CEH_INGRESS_HOST", "127.0.0.1");
    pb.environment().put("CEH_INGRESS_SHUTDOWN_TIMEOUT_MS", "20000");
    pb.redirectErrorStream(true);
    Process p = pb.start();
    try {
      BufferedReader out =
          new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      int port = -1;
      for (String line; (line = out.readLine()) != null; ) {
        Matcher m = LISTENING.matcher(line);
        if (m.find()) {
          port = Integer.parseInt(m.group(1));
          break;
        }
      }
      assertThat(port).as("the ingress printed its port").isPositive();
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (Http.get(port, IngressServer.READY).statusCode() != 200) {
        assertThat(System.nanoTime()).as("ready within 60 s").isLessThan(until);
        Thread.sleep(50);
      }
      int n = 8;
      List<CompletableFuture<HttpResponse<String>>> inFlight = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        inFlight.add(
            Http.CLIENT.sendAsync(
                Http.request(
                    port,
                    "GET",
                    "/slow?n=" + i,
                    io.github.cloudeventshandler.core.Headers.empty(),
                    new byte[0]),
                HttpResponse.BodyHandlers.ofString()));
      }
      Thread.sleep(SlowServlet.MILLIS / 3); // all 8 are inside the application now
      p.destroy(); // SIGTERM
      for (int i = 0; i < n; i++) {
        HttpResponse<String> r = inFlight.get(i).get(30, TimeUnit.SECONDS);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("slept n=" + i);
      }
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("the JVM exits after draining").isTrue();
      assertThat(p.exitValue()).isEqualTo(143); // 128 + SIGTERM, as the JVM reports it
    } finally {
      p.destroyForcibly();
    }
  }
}
