package io.github.cloudeventshandler.aws.internal;

import static io.github.cloudeventshandler.aws.internal.SnsTestPki.TOPIC;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.cloudeventshandler.aws.SnsHttpAnswer;
import io.github.cloudeventshandler.core.AppRequest;
import io.github.cloudeventshandler.core.AppResponse;
import io.github.cloudeventshandler.core.Configuration;
import io.github.cloudeventshandler.core.Headers;
import io.github.cloudeventshandler.core.PayloadMode;
import io.github.cloudeventshandler.core.RequestAttributes;
import io.github.cloudeventshandler.core.classifier.ClassifierRegistry;
import io.github.cloudeventshandler.core.classifier.RawEvent;
import io.github.cloudeventshandler.core.spi.EventPipeline;
import io.github.cloudeventshandler.core.spi.JsonLimits;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * SNS HTTP(S) deliveries through {@link SnsHttpFlow}: messages signed in the test with a key whose
 * certificate the loopback HTTPS server serves; what reaches the application, what is answered, and
 * every way a message can fail verification, each answered without the application being called.
 */
class SnsHttpFlowTest {
  private static final Duration BUDGET = Duration.ofSeconds(10);
  @RegisterExtension static final SnsTestPki pki = SnsTestPki.start();

  private final List<AppRequest> requests = Collections.synchronizedList(new ArrayList<>());

  private static EventPipeline pipeline(String allowed, PayloadMode mode) {
    Configuration.Builder c = Configuration.builder().payload(mode);
    if (allowed != null) {
      c.setting(SnsHttpFlow.ALLOWED_TOPICS, allowed);
    }
    return EventPipeline.create(c.build(), ClassifierRegistry.of());
  }

  private SnsHttpFlow flow() {
    return SnsTestPki.flow(pipeline(TOPIC, PayloadMode.NATIVE), pki.trust());
  }

  private SnsHttpAnswer send(SnsHttpFlow flow, Map<String, String> fields) {
    return send(
        flow, SnsTestPki.body(fields), SnsTestPki.headers(fields), r -> AppResponse.of(200));
  }

  private SnsHttpAnswer send(
      SnsHttpFlow flow, byte[] body, Headers headers, Function<AppRequest, AppResponse> app) {
    return flow.handle(
        body,
        headers,
        r -> {
          requests.add(r);
          return app.apply(r);
        },
        null,
        BUDGET);
  }

  private SnsHttpAnswer rejected(SnsHttpAnswer a, int status, String... messageContains) {
    assertThat(a.status()).as(a.outcome()).isEqualTo(status);
    if (messageContains.length > 0) {
      assertThat(a.response().bodyText()).contains(messageContains);
    }
    assertThat(requests).as("nothing reaches the application").isEmpty();
    assertThat(a.delivered()).isFalse();
    return a;
  }

  // ---------------------------------------------------------------- what gets through

  @Test
  void aVersion2NotificationReachesTheAppAsTheSameCloudEventAsSnsToLambda() {
    Map<String, String> f = pki.signed(pki.notification("{\"order\":42}\nline two é", "New order"));
    SnsHttpAnswer a = send(flow(), f);

    assertThat(a.status()).isEqualTo(200);
    assertThat(a.delivered()).isTrue();
    assertThat(a.outcome()).isEqualTo("delivered");
    assertThat(requests).hasSize(1);
    AppRequest r = requests.get(0);
    assertThat(r.method()).isEqualTo("POST");
    assertThat(r.path()).isEqualTo("/aws.sns");
    assertThat(r.attributes()).containsEntry(RequestAttributes.PLATFORM_EVENT, Boolean.TRUE);

    // the same message as SNS → Lambda delivers it, through the Lambda classifier
    String lambdaEvent =
        "{\"Records\":[{\"EventSource\":\"aws:sns\",\"EventVersion\":\"1.0\","
            + "\"EventSubscriptionArn\":\""
            + SnsTestPki.SUBSCRIPTION
            + "\",\"Sns\":{\"Type\":\"Notification\",\"MessageId\":\""
            + f.get("MessageId")
            + "\",\"TopicArn\":\""
            + TOPIC
            + "\",\"Subject\":\"New order\",\"Message\":\"{\\\"order\\\":42}\\nline two é\","
            + "\"Timestamp\":\""
            + f.get("Timestamp")
            + "\",\"SignatureVersion\":\"2\",\"Signature\":\"x\",\"SigningCertUrl\":\"u\","
            + "\"UnsubscribeUrl\":\"v\",\"MessageAttributes\":{}}}]}";
    AppRequest viaLambda =
        EventPipeline.create(
                Configuration.builder().build(), ClassifierRegistry.of(new SnsClassifier()))
            .explain(
                RawEvent.builder(RawEvent.AWS, lambdaEvent.getBytes(StandardCharsets.UTF_8))
                    .build())
            .requests()
            .get(0);
    for (String h :
        List.of(
            "ce-id",
            "ce-source",
            "ce-type",
            "ce-time",
            "ce-subject",
            "ce-specversion",
            "Content-Type")) {
      assertThat(r.header(h)).as(h).isEqualTo(viaLambda.header(h)).isPresent();
    }
    assertThat(r.header("ce-source")).contains(SnsTestPki.SUBSCRIPTION);
    assertThat(r.header("ce-type")).contains("com.amazonaws.sns.Notification");

    // native body: the Lambda-shaped event, with this message's fields
    var sns =
        com.google.gson.JsonParser.parseString(r.bodyText())
            .getAsJsonObject()
            .getAsJsonArray("Records")
            .get(0)
            .getAsJsonObject()
            .getAsJsonObject("Sns");
    assertThat(sns.get("Message").getAsString()).isEqualTo("{\"order\":42}\nline two é");
    assertThat(sns.get("SigningCertUrl").getAsString()).isEqualTo(f.get("SigningCertURL"));
    assertThat(sns.get("Signature").getAsString()).isEqualTo(f.get("Signature"));
    assertThat(sns.has("SigningCertURL")).isFalse();
  }

  @Test
  void aVersion1NotificationWithoutSubjectUnwrappedGivesTheMessageAsText() {
    Map<String, String> f = pki.notification("hello", null);
    f.put("SignatureVersion", "1");
    SnsHttpFlow unwrapped = SnsTestPki.flow(pipeline(TOPIC, PayloadMode.UNWRAPPED), pki.trust());
    SnsHttpAnswer a = send(unwrapped, pki.signed(f));

    assertThat(a.status()).as(a.outcome()).isEqualTo(200);
    AppRequest r = requests.get(0);
    assertThat(r.bodyText()).isEqualTo("hello");
    assertThat(r.header("Content-Type")).contains("text/plain; charset=utf-8");
    assertThat(r.header("ce-subject")).isEmpty();
  }

  @Test
  void theStringToSignIsTheDocumentedOne() {
    Map<String, String> withSubject = pki.notification("m", "");
    SnsMessage m =
        SnsMessage.of(
            com.google.gson.JsonParser.parseString(
                new String(SnsTestPki.body(withSubject), StandardCharsets.UTF_8)));
    assertThat(m.stringToSign())
        .isEqualTo(SnsTestPki.documentedStringToSign(withSubject))
        .contains("Subject\n\nTimestamp\n")
        .startsWith("Message\nm\nMessageId\n");
    Map<String, String> c = pki.confirmation("SubscriptionConfirmation", TOPIC, "tok");
    SnsMessage cm =
        SnsMessage.of(
            com.google.gson.JsonParser.parseString(
                new String(SnsTestPki.body(c), StandardCharsets.UTF_8)));
    assertThat(cm.stringToSign())
        .isEqualTo(SnsTestPki.documentedStringToSign(c))
        .contains("SubscribeURL\n" + c.get("SubscribeURL") + "\nTimestamp\n")
        .endsWith("Token\ntok\nTopicArn\n" + TOPIC + "\nType\nSubscriptionConfirmation\n");
  }

  @Test
  void theCertificateIsDownloadedOnceAndCached() {
    SnsHttpFlow flow = flow();
    int before = pki.gets("/SimpleNotificationService-good.pem");
    assertThat(send(flow, pki.signed(pki.notification("one", null))).status()).isEqualTo(200);
    assertThat(send(flow, pki.signed(pki.notification("two", null))).status()).isEqualTo(200);
    assertThat(pki.gets("/SimpleNotificationService-good.pem") - before).isEqualTo(1);
    assertThat(requests).hasSize(2);
  }

  @Test
  void anAppFailureAsksSnsToDeliverAgain() {
    Map<String, String> f = pki.signed(pki.notification("x", null));
    SnsHttpAnswer a =
        send(flow(), SnsTestPki.body(f), SnsTestPki.headers(f), r -> AppResponse.of(500));
    assertThat(a.status()).isEqualTo(503);
    assertThat(a.response().bodyText()).contains("deliver again", "HTTP 500");
    assertThat(requests).hasSize(1);
  }

  @Test
  void anAllowedTopicsSubscriptionIsConfirmedWithExactlyOneGet() {
    Map<String, String> f =
        pki.signed(pki.confirmation("SubscriptionConfirmation", TOPIC, "tok-ok"));
    int before = pki.gets("/");
    SnsHttpAnswer a = send(flow(), f);
    assertThat(a.status()).as(a.outcome()).isEqualTo(200);
    assertThat(a.outcome()).isEqualTo("confirmed");
    assertThat(pki.gets("/") - before).isEqualTo(1);
    assertThat(requests).as("confirmations are answered by the adapter").isEmpty();
  }

  @Test
  void anUnsubscribeConfirmationIsLoggedAndNothingElse() {
    Map<String, String> f =
        pki.signed(pki.confirmation("UnsubscribeConfirmation", TOPIC, "tok-un"));
    int before = pki.gets("/");
    SnsHttpAnswer a = send(flow(), f);
    assertThat(a.status()).as(a.outcome()).isEqualTo(200);
    assertThat(a.outcome()).isEqualTo("unsubscribe-logged");
    assertThat(pki.gets("/") - before).as("never re-subscribes").isZero();
    assertThat(requests).isEmpty();
  }

  @Test
  void withoutAnAllowListNotificationsPassButNoSubscriptionIsConfirmed() {
    SnsHttpFlow open = SnsTestPki.flow(pipeline(null, PayloadMode.NATIVE), pki.trust());
    assertThat(send(open, pki.signed(pki.notification("n", null))).status()).isEqualTo(200);
    requests.clear();
    int before = pki.gets("/");
    rejected(
        send(open, pki.signed(pki.confirmation("SubscriptionConfirmation", TOPIC, "t"))),
        403,
        "is not in CEH_SNS_ALLOWED_TOPICS");
    assertThat(pki.gets("/")).isEqualTo(before);
  }

  // ---------------------------------------------------------------- negatives

  @Test
  void aSignatureByAnotherKeyIsRejected() {
    Map<String, String> f =
        SnsTestPki.signed(pki.notification("x", null), pki.otherKeys.getPrivate(), "SHA256withRSA");
    rejected(send(flow(), f), 401, "signature does not verify");
  }

  @Test
  void aTamperedMessageIsRejected() {
    Map<String, String> f = pki.signed(pki.notification("pay 10", "s"));
    f.put("Message", "pay 1000");
    rejected(send(flow(), f), 401, "signature does not verify");
  }

  @Test
  void aSubjectAddedAfterSigningIsRejected() {
    Map<String, String> f = pki.signed(pki.notification("x", null));
    f.put("Subject", "");
    rejected(send(flow(), f), 401, "signature does not verify");
  }

  @Test
  void aTamperedTimestampIsRejected() {
    Map<String, String> f = pki.signed(pki.notification("x", null));
    f.put("Timestamp", pki.now.minusSeconds(1).toString());
    rejected(send(flow(), f), 401, "signature does not verify");
  }

  @Test
  void aVersion1SignatureClaimingVersion2IsRejected() {
    Map<String, String> f =
        SnsTestPki.signed(pki.notification("x", null), pki.signerKeys.getPrivate(), "SHA1withRSA");
    rejected(send(flow(), f), 401, "SHA256withRSA signature does not verify");
  }

  @Test
  void anUnknownSignatureVersionIsRejected() {
    Map<String, String> f = pki.notification("x", null);
    f.put("SignatureVersion", "3");
    f = SnsTestPki.signed(f, pki.signerKeys.getPrivate(), "SHA256withRSA");
    rejected(send(flow(), f), 401, "SignatureVersion '3' is not 1");
  }

  @Test
  void aMissingSignatureIsRejected() {
    rejected(send(flow(), pki.notification("x", null)), 401, "field Signature is missing");
  }

  @Test
  void aSignatureThatIsNotBase64IsRejected() {
    Map<String, String> f = pki.signed(pki.notification("x", null));
    f.put("Signature", "not*base64");
    rejected(send(flow(), f), 401, "Signature is not base64");
  }

  @Test
  void aCertificateUrlOnAnotherHostIsNotFetched() {
    Map<String, String> f = pki.notification("x", null);
    f.put(
        "SigningCertURL",
        "https://127.0.0.2:"
            + pki.authority().split(":")[1]
            + "/SimpleNotificationService-good.pem");
    int before = pki.allGets();
    rejected(send(flow(), pki.signed(f)), 401, "is not on " + pki.authority());
    assertThat(pki.allGets()).isEqualTo(before);
  }

  @Test
  void anExpiredCertificateIsRejected() {
    rejected(
        send(flow(), withCert("/SimpleNotificationService-expired.pem")), 401, "is not valid now");
  }

  @Test
  void aNotYetValidCertificateIsRejected() {
    rejected(
        send(flow(), withCert("/SimpleNotificationService-future.pem")), 401, "is not valid now");
  }

  @Test
  void aCertificateWithoutDigitalSignatureUsageIsRejected() {
    rejected(
        send(flow(), withCert("/SimpleNotificationService-keyencipherment.pem")),
        401,
        "key usage without digitalSignature");
  }

  @Test
  void aCaCertificateAsSignerIsRejected() {
    rejected(
        send(flow(), withCert("/SimpleNotificationService-ca.pem")), 401, "is a CA certificate");
  }

  @Test
  void aCertificateNotNamedForSnsIsRejected() {
    rejected(
        send(flow(), withCert("/SimpleNotificationService-wrongname.pem")),
        401,
        "not an SNS signer of this region",
        "sns.amazonaws.com.evil.example");
  }

  @Test
  void aBodyThatIsNotExactlyOnePemCertificateIsRejected() {
    rejected(
        send(flow(), withCert("/SimpleNotificationService-two.pem")), 401, "not exactly one PEM");
    rejected(
        send(flow(), withCert("/SimpleNotificationService-html.pem")), 401, "not exactly one PEM");
  }

  @Test
  void anOversizedCertificateDownloadIsCutOff() {
    rejected(
        send(flow(), withCert("/SimpleNotificationService-huge.pem")), 503, "over 16384 bytes");
  }

  @Test
  void anUntrustedTlsChainOnTheCertificateHostStopsTheDownload() {
    SnsHttpFlow untrusted =
        SnsTestPki.flow(pipeline(TOPIC, PayloadMode.NATIVE), pki.trustWithOtherCa());
    SnsHttpAnswer a = send(untrusted, pki.signed(pki.notification("x", null)));
    rejected(a, 503, "could not be downloaded", "deliver again");
  }

  @Test
  void aSlowCertificateHostIsGivenUpOnWithinTheTimeoutAndRetryable() {
    SnsHttpFlow impatient =
        SnsTestPki.flow(pipeline(TOPIC, PayloadMode.NATIVE), pki.trust(Duration.ofSeconds(2)));
    long start = System.nanoTime();
    SnsHttpAnswer a = send(impatient, withCert("/SimpleNotificationService-slow.pem"));
    long ms = (System.nanoTime() - start) / 1_000_000;
    rejected(a, 503, "within 2000 ms", "deliver again");
    assertThat(ms)
        .as("bounded by the 2 s download timeout, not the server's 30 s")
        .isLessThan(SnsTestPki.SLOW.toMillis() / 2);
  }

  @Test
  void aFailingCertificateHostIsRetryable() {
    rejected(
        send(flow(), withCert("/SimpleNotificationService-fail.pem")), 503, "answered HTTP 500");
  }

  @Test
  void noTimeLeftMeansNoDownloadAndARetry() {
    Map<String, String> f = pki.signed(pki.notification("x", null));
    SnsHttpAnswer a =
        flow()
            .handle(
                SnsTestPki.body(f),
                SnsTestPki.headers(f),
                r -> {
                  requests.add(r);
                  return AppResponse.of(200);
                },
                null,
                Duration.ZERO);
    rejected(a, 503, "no time left");
  }

  @Test
  void anUnlistedTopicsSubscriptionIsNotConfirmed() {
    String other = "arn:aws:sns:us-east-1:123456789012:someone-elses";
    int before = pki.allGets();
    rejected(
        send(flow(), pki.signed(pki.confirmation("SubscriptionConfirmation", other, "t"))),
        403,
        "is not in CEH_SNS_ALLOWED_TOPICS, so its subscription is not confirmed");
    assertThat(pki.allGets())
        .as("neither the certificate nor SubscribeURL is fetched")
        .isEqualTo(before);
  }

  @Test
  void aNotificationOfAnUnlistedTopicIsRefusedBeforeAnyDownload() {
    Map<String, String> f = pki.notification("x", null);
    f.put("TopicArn", "arn:aws:sns:us-east-1:123456789012:other");
    int before = pki.allGets();
    rejected(
        send(flow(), pki.signed(f)),
        403,
        "topic arn:aws:sns:us-east-1:123456789012:other is not in");
    assertThat(pki.allGets()).isEqualTo(before);
  }

  @Test
  void aSubscribeUrlOnAnotherHostIsNotFetched() {
    Map<String, String> f = pki.confirmation("SubscriptionConfirmation", TOPIC, "t");
    f.put("SubscribeURL", "https://evil.example/?Action=ConfirmSubscription&Token=t");
    int before = pki.gets("/");
    rejected(send(flow(), pki.signed(f)), 403, "SubscribeURL is not on");
    assertThat(pki.gets("/")).isEqualTo(before);
  }

  @Test
  void aFailedConfirmationIsRetryable() {
    rejected(
        send(flow(), pki.signed(pki.confirmation("SubscriptionConfirmation", TOPIC, "fail"))),
        503,
        "could not be confirmed",
        "HTTP 500");
  }

  @Test
  void anOldTimestampIsARejectedReplay() {
    Map<String, String> f = pki.notification("x", null);
    f.put("Timestamp", pki.now.minus(SnsTrust.MAX_AGE).minusSeconds(1).toString());
    int before = pki.allGets();
    rejected(send(flow(), pki.signed(f)), 401, "outside the replay window", "3900 s old");
    assertThat(pki.allGets()).isEqualTo(before);
    // the oldest accepted
    Map<String, String> edge = pki.notification("x", null);
    edge.put("Timestamp", pki.now.minus(SnsTrust.MAX_AGE).toString());
    assertThat(send(flow(), pki.signed(edge)).status()).isEqualTo(200);
  }

  @Test
  void aTimestampFromTheFutureIsRejected() {
    Map<String, String> f = pki.notification("x", null);
    f.put("Timestamp", pki.now.plus(SnsTrust.MAX_AHEAD).plusSeconds(1).toString());
    rejected(send(flow(), pki.signed(f)), 401, "outside the replay window");
  }

  @Test
  void duplicateJsonKeysAreRejected() {
    Map<String, String> f = pki.signed(pki.notification("harmless", null));
    String json = new String(SnsTestPki.body(f), StandardCharsets.UTF_8);
    String twice = json.substring(0, json.length() - 1) + ",\"Message\":\"evil\"}";
    rejected(
        send(
            flow(),
            twice.getBytes(StandardCharsets.UTF_8),
            SnsTestPki.headers(f),
            r -> AppResponse.of(200)),
        400,
        "Message");
  }

  @Test
  void anOversizedBodyIsRejectedBeforeParsing() {
    EventPipeline small =
        EventPipeline.create(
            Configuration.builder()
                .limits(new JsonLimits(1024, 64))
                .setting(SnsHttpFlow.ALLOWED_TOPICS, TOPIC)
                .build(),
            ClassifierRegistry.of());
    Map<String, String> f = pki.signed(pki.notification("x".repeat(2000), null));
    rejected(
        send(
            SnsTestPki.flow(small, pki.trust()),
            SnsTestPki.body(f),
            SnsTestPki.headers(f),
            r -> AppResponse.of(200)),
        413,
        "over the limit of 1024 bytes");
  }

  @Test
  void headersThatContradictTheSignedBodyAreRejected() {
    Map<String, String> f = pki.signed(pki.notification("x", null));
    Headers h =
        SnsTestPki.headers(f).toBuilder()
            .set("x-amz-sns-message-type", "SubscriptionConfirmation")
            .build();
    rejected(send(flow(), SnsTestPki.body(f), h, r -> AppResponse.of(200)), 400, "does not match");
    Headers sub =
        SnsTestPki.headers(f).toBuilder()
            .set("x-amz-sns-subscription-arn", "arn:aws:sns:us-east-1:123456789012:other:abc")
            .build();
    rejected(
        send(flow(), SnsTestPki.body(f), sub, r -> AppResponse.of(200)),
        400,
        "is not a subscription of topic");
  }

  @Test
  void rawMessageDeliveryIsUnsignedAndRejected() {
    Headers h =
        Headers.builder()
            .add("x-amz-sns-message-type", "Notification")
            .add("x-amz-sns-rawdelivery", "true")
            .build();
    rejected(
        send(
            flow(),
            "just the message".getBytes(StandardCharsets.UTF_8),
            h,
            r -> AppResponse.of(200)),
        401,
        "raw message delivery carries no signature");
  }

  @Test
  void malformedMessagesAreBadRequests() {
    rejected(
        send(
            flow(),
            "not json".getBytes(StandardCharsets.UTF_8),
            Headers.empty(),
            r -> AppResponse.of(200)),
        400);
    Map<String, String> f = pki.notification("x", null);
    f.put("Type", "Other");
    rejected(send(flow(), pki.signed(f)), 400, "Type 'Other' is not Notification");
    Map<String, String> g = pki.notification("x", null);
    g.put("TopicArn", "arn:aws:sqs:us-east-1:123456789012:q");
    rejected(send(flow(), pki.signed(g)), 400, "is not an SNS topic ARN");
    Map<String, String> numberId = new LinkedHashMap<>(pki.signed(pki.notification("x", null)));
    String json =
        new String(SnsTestPki.body(numberId), StandardCharsets.UTF_8)
            .replace("\"MessageId\":\"" + numberId.get("MessageId") + "\"", "\"MessageId\":7");
    rejected(
        send(
            flow(),
            json.getBytes(StandardCharsets.UTF_8),
            Headers.empty(),
            r -> AppResponse.of(200)),
        400,
        "field MessageId must be a string but is a number");
  }

  private Map<String, String> withCert(String path) {
    Map<String, String> f = pki.notification("x", null);
    f.put("SigningCertURL", pki.url(path));
    return pki.signed(f);
  }
}
