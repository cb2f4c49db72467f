package io.github.cloudeventshandler.runner;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cloudeventshandler.samples.hello.HelloServlet;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The shaded jar as users run it: {@code java -jar} in its own process, the app's classes from
 * {@code --classpath} (samples/hello is not in the jar).
 */
@Timeout(120)
class RunnableJarIT {
  private static final String JAR = System.getProperty("runner.jar");

  @Test
  void replayRunsFromTheJarWithTheAppOnClasspath() throws Exception {
    Process p =
        start(
            "replay",
            "--quiet",
            "--app",
            HelloServlet.class.getName(),
            "--classpath",
            helloClasses(),
            "aws/s3/s3-put-sam",
            "gcp/storage/storage-cloudevent-input",
            "azure/storage-queue/json-message");
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    assertThat(out)
        .contains("aws/s3/s3-put-sam  aws/lambda  aws.s3  /aws.s3  ok app=200")
        .contains("gcp/cloudevents  google.cloud.storage  /google.cloud.storage  ok app=200")
        .contains("azure/queue  azure.storage.queue  /azure.storage.queue  ok app=200")
        .contains("3 event(s), 3 handled, 0 failed");
  }

  @Test
  void verboseLogsOfEveryCloudShareOneFormatOnStderr() throws Exception {
    Process p =
        start(
            "replay",
            "--quiet",
            "--verbose",
            "--app",
            HelloServlet.class.getName(),
            "--classpath",
            helloClasses(),
            "aws/s3/s3-put-sam",
            "azure/storage-queue/json-message");
    java.util.concurrent.CompletableFuture<String> err =
        java.util.concurrent.CompletableFuture.supplyAsync(
            () -> {
              try {
                return new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
              } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            });
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    // the Lambda handler's slf4j line and the Azure ExecutionContext's java.util.logging line
    List<String> lines = err.join().lines().toList();
    assertThat(lines)
        .anySatisfy(l -> assertThat(l).startsWith("INFO LambdaHandler - aws aws.s3 "))
        .anySatisfy(l -> assertThat(l).startsWith("INFO azure - cloud-events-handler azure kind="))
        .allSatisfy(l -> assertThat(l).matches("(TRACE|DEBUG|INFO|WARN|ERROR) \\S+ - .*"));
  }

  @Test
  void aMissingFileExitsTwo() throws Exception {
    Process p = start("replay", "--app", "x.Y", "missing.json");
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isEqualTo(2);
    assertThat(err).contains("missing.json: no such file or directory");
  }

  @Test
  void serveAnswersOnLoopbackAndStopsOnTheSignal() throws Exception {
    Process p =
        start(
            "serve",
            "--port",
            "0",
            "--app",
            HelloServlet.class.getName(),
            "--classpath",
            helloClasses());
    try {
      BufferedReader out =
          new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      Pattern banner = Pattern.compile("http://127\\.0\\.0\\.1:(\\d+)/ ");
      int port = -1;
      for (String line; port < 0 && (line = out.readLine()) != null; ) {
        Matcher m = banner.matcher(line);
        if (m.find()) {
          port = Integer.parseInt(m.group(1));
        }
      }
      assertThat(port).isPositive();
      HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
      HttpResponse<String> r =
          client.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                  .timeout(Duration.ofSeconds(10))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(r.body()).isEqualTo("hello from cloud-events-handler\n");
      p.destroy(); // SIGTERM: the same shutdown hooks as Ctrl-C's SIGINT
      assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
      try {
        client.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/"))
                .timeout(Duration.ofSeconds(5))
                .build(),
            HttpResponse.BodyHandlers.ofString());
        throw new AssertionError("still listening on " + port);
      } catch (ConnectException expected) {
        // stopped
      }
    } finally {
      p.destroyForcibly();
    }
  }

  private static Process start(String... args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-jar");
    cmd.add(JAR);
    cmd.addAll(List.of(args));
    return new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.PIPE).start();
  }

  private static String helloClasses() throws Exception {
    return new File(HelloServlet.class.getProtectionDomain().getCodeSource().getLocation().toURI())
        .getPath();
  }
}
