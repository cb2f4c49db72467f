package io.github.cloudeventshandler.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.cloudeventshandler.aws.internal.SnsTestPki;
import io.github.cloudeventshandler.core.AppRequest;
import io.github.cloudeventshandler.core.AppResponse;
import io.github.cloudeventshandler.core.Configuration;
import io.github.cloudeventshandler.core.RequestAttributes;
import io.github.cloudeventshandler.core.classifier.ClassifierRegistry;
import io.github.cloudeventshandler.core.spi.EventPipeline;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * SNS subscribed over HTTPS to a Lambda function URL (and to an API Gateway REST route): the proxy
 * event carries SNS's headers and body; {@link LambdaHandler} verifies the message before the app
 * sees anything, and the function URL's response status is what SNS acts on.
 */
class SnsHttpLambdaTest {
  @RegisterExtension static final SnsTestPki pki = SnsTestPki.start();
  private final List<AppRequest> requests = new CopyOnWriteArrayList<>();

  private LambdaHandler handler(int appStatus) {
    Configuration c =
        Configuration.builder().setting(SnsHttpEndpoint.ALLOWED_TOPICS, SnsTestPki.TOPIC).build();
    SnsHttpEndpoint sns =
        new SnsHttpEndpoint(
            SnsTestPki.flow(
                EventPipeline.create(c, ClassifierRegistry.load(getClass().getClassLoader())),
                pki.trust()));
    return new LambdaHandler(
        c,
        r -> {
          requests.add(r);
          return AppResponse.of(appStatus);
        },
        (url, body, timeout) -> {},
        sns);
  }

  /**
   * A function URL event ({@link Events#apiV2()} on a function URL domain) carrying what SNS posts.
   */
  private static String functionUrlEvent(Map<String, String> fields) {
    JsonObject event = Events.apiV2();
    event.remove("cookies");
    event.addProperty("rawQueryString", "");
    event.add("headers", headers(fields));
    event.getAsJsonObject("requestContext").getAsJsonObject("http").addProperty("method", "POST");
    event
        .getAsJsonObject("requestContext")
        .addProperty("domainName", "abcdefg.lambda-url.us-east-1.on.aws");
    event.addProperty("body", new String(SnsTestPki.body(fields), StandardCharsets.UTF_8));
    return event.toString();
  }

  /** A REST API event ({@link Events#apiV1()}) carrying what SNS posts. */
  private static String restEvent(Map<String, String> fields) {
    JsonObject event = Events.apiV1();
    event.add("headers", headers(fields));
    event.addProperty("body", new String(SnsTestPki.body(fields), StandardCharsets.UTF_8));
    event.addProperty("isBase64Encoded", false);
    return event.toString();
  }

  private static JsonObject headers(Map<String, String> fields) {
    JsonObject headers = new JsonObject();
    SnsTestPki.headers(fields)
        .fields()
        .forEach(e -> headers.addProperty(e.getKey().toLowerCase(Locale.ROOT), e.getValue()));
    return headers;
  }

  private static JsonObject invoke(LambdaHandler h, String event) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    h.handleRequest(
        new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, Lambda.context());
    return JsonParser.parseString(out.toString(StandardCharsets.UTF_8)).getAsJsonObject();
  }

  @Test
  void aSignedNotificationToAFunctionUrlReachesTheAppOnAwsSns() throws Exception {
    Map<String, String> f = pki.signed(pki.notification("order 7", "orders"));
    JsonObject reply = invoke(handler(204), functionUrlEvent(f));

    assertThat(reply.get("statusCode").getAsInt()).isEqualTo(200);
    assertThat(requests).hasSize(1);
    AppRequest r = requests.get(0);
    assertThat(r.path()).isEqualTo("/aws.sns");
    assertThat(r.header("ce-type")).contains("com.amazonaws.sns.Notification");
    assertThat(r.header("ce-source")).contains(SnsTestPki.SUBSCRIPTION);
    assertThat(r.header("ce-subject")).contains("orders");
    assertThat(r.header(LambdaHandler.REQUEST_ID_HEADER)).contains("req-1");
    assertThat(r.attributes()).containsEntry(RequestAttributes.PLATFORM_EVENT, Boolean.TRUE);
    assertThat(r.header("x-amz-sns-message-type")).as("not the proxied request").isEmpty();
  }

  @Test
  void aForgedNotificationIsAnswered401AndNeverReachesTheApp() throws Exception {
    Map<String, String> f = pki.signed(pki.notification("order 7", null));
    f.put("Message", "order 7000");
    JsonObject reply = invoke(handler(200), functionUrlEvent(f));

    assertThat(reply.get("statusCode").getAsInt()).isEqualTo(401);
    assertThat(reply.get("body").getAsString()).contains("signature does not verify");
    assertThat(requests).isEmpty();
  }

  @Test
  void anAppFailureIsA503SoSnsRetries() throws Exception {
    JsonObject reply =
        invoke(handler(500), functionUrlEvent(pki.signed(pki.notification("x", null))));
    assertThat(reply.get("statusCode").getAsInt()).isEqualTo(503);
    assertThat(requests).hasSize(1);
  }

  @Test
  void aConfirmationThroughApiGatewayRestIsConfirmedByTheAdapter() throws Exception {
    Map<String, String> f =
        pki.signed(pki.confirmation("SubscriptionConfirmation", SnsTestPki.TOPIC, "tok-rest"));
    int before = pki.gets("/");

    JsonObject reply = invoke(handler(200), restEvent(f));

    assertThat(reply.get("statusCode").getAsInt()).isEqualTo(200);
    assertThat(pki.gets("/") - before).isEqualTo(1);
    assertThat(requests).isEmpty();
  }

  @Test
  void aPlainPostToTheFunctionUrlStillReachesTheApp() throws Exception {
    String event =
        functionUrlEvent(pki.signed(pki.notification("x", null)))
            .replace("\"x-amz-sns-message-type\":\"Notification\",", "");
    JsonObject reply = invoke(handler(202), event);
    assertThat(reply.get("statusCode").getAsInt()).isEqualTo(202);
    assertThat(requests).hasSize(1);
    assertThat(requests.get(0).path()).isEqualTo("/my/path");
    assertThat(requests.get(0).attributes()).doesNotContainKey(RequestAttributes.PLATFORM_EVENT);
  }
}
