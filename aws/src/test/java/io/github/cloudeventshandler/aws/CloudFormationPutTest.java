package io.github.cloudeventshandler.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpServer;
import io.github.cloudeventshandler.aws.internal.CloudFormationCallback;
import io.github.cloudeventshandler.core.AppResponse;
import io.github.cloudeventshandler.core.BadEventException;
import io.github.cloudeventshandler.core.Configuration;
import io.github.cloudeventshandler.core.DispatchException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The CloudFormation custom-resource PUT, against a real HTTP server on loopback. */
class CloudFormationPutTest {
  record Put(String method, String query, Map<String, List<String>> headers, byte[] body) {
    JsonObject json() {
      return JsonParser.parseString(new String(body, StandardCharsets.UTF_8)).getAsJsonObject();
    }
  }

  private final List<Put> puts = new CopyOnWriteArrayList<>();
  private HttpServer server;
  private volatile int answer = 200;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          byte[] body = exchange.getRequestBody().readAllBytes();
          puts.add(
              new Put(
                  exchange.getRequestMethod(),
                  exchange.getRequestURI().getRawQuery(),
                  Map.copyOf(exchange.getRequestHeaders()),
                  body));
          exchange.sendResponseHeaders(answer, -1);
          exchange.close();
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/bucket/key?X-Amz-Signature=s";
  }

  private Lambda lambda(
      java.util.function.Function<io.github.cloudeventshandler.core.AppRequest, AppResponse> app) {
    return new Lambda(Configuration.builder().build(), app, CloudFormationCallback.http());
  }

  // checklist 11
  @Test
  void deleteWhoseHandlerFailsPutsFailedOnce() {
    Lambda lambda = lambda(r -> AppResponse.of(500, "text/plain", "boom"));
    String out = lambda.invoke(Events.cloudFormation("Delete", url()));
    assertThat(puts).hasSize(1);
    Put put = puts.get(0);
    assertThat(put.method()).isEqualTo("PUT");
    assertThat(put.query()).isEqualTo("X-Amz-Signature=s");
    assertThat(put.body().length).isLessThanOrEqualTo(4096);
    assertThat(put.headers().get("Content-type")).containsExactly("");
    assertThat(put.headers().get("Content-length"))
        .containsExactly(String.valueOf(put.body().length));
    JsonObject doc = put.json();
    assertThat(doc.get("Status").getAsString()).isEqualTo("FAILED");
    assertThat(doc.get("Reason").getAsString()).contains("HTTP 500").contains("rid-1");
    assertThat(doc.get("PhysicalResourceId").getAsString()).isEqualTo("phys-1");
    assertThat(doc.get("StackId").getAsString())
        .isEqualTo("arn:aws:cloudformation:us-east-1:123456789012:stack/S/guid");
    assertThat(doc.get("RequestId").getAsString()).isEqualTo("rid-1");
    assertThat(doc.get("LogicalResourceId").getAsString()).isEqualTo("MyRes");
    assertThat(JsonParser.parseString(out)).isEqualTo(doc);
  }

  @Test
  void applicationExceptionStillPutsFailed() {
    Lambda lambda =
        lambda(
            r -> {
              throw new IllegalStateException("app crashed");
            });
    lambda.invoke(Events.cloudFormation("Update", url()));
    assertThat(puts).hasSize(1);
    assertThat(puts.get(0).json().get("Status").getAsString()).isEqualTo("FAILED");
    assertThat(puts.get(0).json().get("Reason").getAsString()).contains("app crashed");
  }

  @Test
  void successCarriesDataAndPhysicalIdFromTheApplication() {
    Lambda lambda =
        lambda(
            r ->
                AppResponse.of(
                    200,
                    "application/json",
                    "{\"PhysicalResourceId\":\"new-id\",\"Data\":{\"Arn\":\"arn:x\"}}"));
    lambda.invoke(Events.cloudFormation("Create", url()));
    assertThat(puts).hasSize(1);
    JsonObject doc = puts.get(0).json();
    assertThat(doc.get("Status").getAsString()).isEqualTo("SUCCESS");
    assertThat(doc.get("PhysicalResourceId").getAsString()).isEqualTo("new-id");
    assertThat(doc.getAsJsonObject("Data").get("Arn").getAsString()).isEqualTo("arn:x");
    var request = lambda.requests.get(0);
    assertThat(request.path()).isEqualTo("/aws.cloudformation");
    assertThat(request.header("ce-type")).contains("com.amazonaws.cloudformation.Create");
  }

  /**
   * Every request field the response copies is read before the application runs, as the response
   * reads it (fuzzing F15: an empty {@code LogicalResourceId} was refused only after the
   * application had run, so CloudFormation would have waited an hour for a response).
   */
  @ParameterizedTest(name = "{0} = {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "LogicalResourceId|\"\"",
        "StackId|\"\"",
        "RequestId|\"\"",
        "PhysicalResourceId|[]",
        "PhysicalResourceId|{}",
        "ResponseURL|\"ftp://example.com/x\""
      })
  void aRequestTheResponseCannotBeMadeFromIsRefusedBeforeTheApplicationRuns(
      String field, String json) {
    Lambda lambda = lambda(r -> AppResponse.of(200));
    JsonObject event =
        JsonParser.parseString(Events.cloudFormation("Update", url())).getAsJsonObject();
    event.add(field, JsonParser.parseString(json));
    assertThatThrownBy(() -> lambda.invoke(event.toString()))
        .isInstanceOf(BadEventException.class)
        .hasMessageContaining(field);
    assertThat(lambda.requests).isEmpty();
    assertThat(puts).isEmpty();
  }

  @Test
  void createWithoutAnyIdUsesTheLogStreamAndAPlainObjectIsData() {
    Lambda lambda = lambda(r -> AppResponse.of(200, "application/json", "{\"Endpoint\":\"e\"}"));
    lambda.invoke(Events.cloudFormation("Create", url()));
    JsonObject doc = puts.get(0).json();
    assertThat(doc.get("PhysicalResourceId").getAsString()).isEqualTo("2026/11/23/[$LATEST]abc");
    assertThat(doc.getAsJsonObject("Data").get("Endpoint").getAsString()).isEqualTo("e");
  }

  @Test
  void oversizedDataIsDroppedToStayWithin4096Bytes() {
    String big = "x".repeat(5000);
    Lambda lambda =
        lambda(
            r -> AppResponse.of(200, "application/json", "{\"Data\":{\"Big\":\"" + big + "\"}}"));
    lambda.invoke(Events.cloudFormation("Update", url()));
    Put put = puts.get(0);
    assertThat(put.body().length).isLessThanOrEqualTo(4096);
    assertThat(put.json().has("Data")).isFalse();
    assertThat(put.json().get("Status").getAsString()).isEqualTo("SUCCESS");
    assertThat(put.json().get("Reason").getAsString()).contains("Data dropped");
  }

  @Test
  void oversizedReasonIsTruncated() {
    String big = "y".repeat(6000);
    Lambda lambda =
        lambda(r -> AppResponse.of(500, "application/json", "{\"Reason\":\"" + big + "\"}"));
    lambda.invoke(Events.cloudFormation("Delete", url()));
    Put put = puts.get(0);
    assertThat(put.body().length).isLessThanOrEqualTo(4096);
    assertThat(put.json().get("Status").getAsString()).isEqualTo("FAILED");
    assertThat(put.json().get("Reason").getAsString())
        .contains("Reason truncated")
        .startsWith("yyy");
  }

  @Test
  void aFailedPutThrowsWithoutLeakingTheSignature() {
    answer = 403;
    Lambda lambda = lambda(r -> AppResponse.of(200));
    assertThatThrownBy(() -> lambda.invoke(Events.cloudFormation("Create", url())))
        .isInstanceOf(DispatchException.class)
        .hasMessageContaining("403")
        .hasMessageNotContaining("X-Amz-Signature");
    assertThat(puts).hasSize(1);
    assertThat(lambda.output.size()).isZero();
  }
}
