package io.github.cloudeventshandler.aws.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.cloudeventshandler.aws.SnsHttpAnswer;
import io.github.cloudeventshandler.core.AppResponse;
import io.github.cloudeventshandler.core.Configuration;
import io.github.cloudeventshandler.core.classifier.ClassifierRegistry;
import io.github.cloudeventshandler.core.spi.EventPipeline;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The production host rules ({@link SnsTrust#aws()}): which {@code SigningCertURL} and {@code
 * SubscribeURL} may be fetched for a topic, with no network involved; and the production flow
 * refusing the tricks before any download.
 */
class SnsTrustTest {
  private static final SnsTrust AWS = SnsTrust.aws();
  private static final SnsTrust.Region US_EAST_1 =
      SnsTrust.region("arn:aws:sns:us-east-1:123456789012:orders");
  @RegisterExtension static final SnsTestPki pki = SnsTestPki.start();

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "https://sns.us-east-1.amazonaws.com/SimpleNotificationService-9c6465fa7f48f5cacd23014631ec1136.pem|",
        "http://sns.us-east-1.amazonaws.com/SimpleNotificationService-a.pem|is not https",
        "HTTPS://sns.us-east-1.amazonaws.com/SimpleNotificationService-a.pem|is not https",
        "https://sns.us-east-1.amazonaws.com.evil.example/SimpleNotificationService-a.pem|is not on sns.us-east-1.amazonaws.com",
        "https://evil.example/SimpleNotificationService-a.pem|is not on sns.us-east-1.amazonaws.com",
        "https://sns.us-east-1.amazonaws.com@evil.example/SimpleNotificationService-a.pem|carries user info",
        "https://evil.example@sns.us-east-1.amazonaws.com/SimpleNotificationService-a.pem|carries user info",
        "https://52.94.236.248/SimpleNotificationService-a.pem|is not on sns.us-east-1.amazonaws.com",
        "https://[::1]/SimpleNotificationService-a.pem|is not on sns.us-east-1.amazonaws.com",
        "https://sns.us-east-1.amazonaws.com:443/SimpleNotificationService-a.pem|is not on sns.us-east-1.amazonaws.com",
        "https://sns.us-east-1.amazonaws.com:8443/SimpleNotificationService-a.pem|is not on sns.us-east-1.amazonaws.com",
        "https://SNS.US-EAST-1.amazonaws.com/SimpleNotificationService-a.pem|is not on sns.us-east-1.amazonaws.com",
        "https://sns.eu-west-1.amazonaws.com/SimpleNotificationService-a.pem|is not on sns.us-east-1.amazonaws.com",
        "https://sns.us-east-1.amazonaws.com.cn/SimpleNotificationService-a.pem|is not on sns.us-east-1.amazonaws.com",
        "https://sns.us-east-1.amazonaws.com/../SimpleNotificationService-a.pem|path is not one file name ending in .pem",
        "https://sns.us-east-1.amazonaws.com//evil.example/x.pem|path is not one file name ending in .pem",
        "https://sns.us-east-1.amazonaws.com/a/SimpleNotificationService-a.pem|path is not one file name ending in .pem",
        "https://sns.us-east-1.amazonaws.com/%2e%2e/SimpleNotificationService-a.pem|path is not one file name ending in .pem",
        "https://sns.us-east-1.amazonaws.com/SimpleNotificationService-a.crt|path is not one file name ending in .pem",
        "https://sns.us-east-1.amazonaws.com/SimpleNotificationService-a.pem?x=1|has a query",
        "https://sns.us-east-1.amazonaws.com/SimpleNotificationService-a.pem#f|has a fragment",
        "//sns.us-east-1.amazonaws.com/SimpleNotificationService-a.pem|is not an absolute URL",
      })
  void certificateUrls(String url, String problem) {
    assertThat(AWS.certificateUrlProblem(URI.create(url), US_EAST_1)).isEqualTo(problem);
  }

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "arn:aws-cn:sns:cn-north-1:123456789012:t|https://sns.cn-north-1.amazonaws.com.cn/SimpleNotificationService-a.pem|",
        "arn:aws-cn:sns:cn-north-1:123456789012:t|https://sns.cn-north-1.amazonaws.com/SimpleNotificationService-a.pem|is not on sns.cn-north-1.amazonaws.com.cn",
        "arn:aws-us-gov:sns:us-gov-west-1:123456789012:t|https://sns.us-gov-west-1.amazonaws.com/SimpleNotificationService-a.pem|",
        "arn:aws:sns:ap-east-1:123456789012:t.fifo|https://sns.ap-east-1.amazonaws.com/SimpleNotificationService-a.pem|",
      })
  void partitions(String topic, String url, String problem) {
    SnsTrust.Region region = SnsTrust.region(topic);
    assertThat(region).isNotNull();
    assertThat(AWS.certificateUrlProblem(URI.create(url), region)).isEqualTo(problem);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "arn:aws:sns:cn-north-1:123456789012:t",
    "arn:aws-cn:sns:us-east-1:123456789012:t",
    "arn:aws:sns:us-gov-west-1:123456789012:t",
    "arn:aws-iso:sns:us-iso-east-1:123456789012:t",
    "arn:aws:sqs:us-east-1:123456789012:t",
    "arn:aws:sns:us-east-1:12345:t",
    "arn:aws:sns:evil.example:123456789012:t",
    "arn:aws:sns:us-east-1:123456789012:a/b",
  })
  void topicsOutsideTheKnownPartitionsHaveNoRegion(String topic) {
    assertThat(SnsTrust.region(topic)).isNull();
  }

  @Test
  void signerNamesFollowThePartition() {
    assertThat(SnsTrust.signerNames(US_EAST_1))
        .containsExactlyInAnyOrder("sns.amazonaws.com", "sns-signing.us-east-1.amazonaws.com");
    assertThat(SnsTrust.signerNames(SnsTrust.region("arn:aws-cn:sns:cn-north-1:123456789012:t")))
        .contains("sns-cn-north-1.amazonaws.com.cn");
    assertThat(
            SnsTrust.signerNames(
                SnsTrust.region("arn:aws-us-gov:sns:us-gov-east-1:123456789012:t")))
        .contains("sns-us-gov-west-1.amazonaws.com");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "https://sns.us-east-1.amazonaws.com/?Action=ConfirmSubscription&TopicArn=arn:aws:sns:us-east-1:123456789012:orders&Token=t|",
        "https://sns.us-east-1.amazonaws.com/?Action=Unsubscribe&Token=t|query does not ask for Action=ConfirmSubscription",
        "https://sns.us-east-1.amazonaws.com/x?Action=ConfirmSubscription|path is not /",
        "http://sns.us-east-1.amazonaws.com/?Action=ConfirmSubscription|is not https",
        "https://sns.us-east-1.amazonaws.com.evil.example/?Action=ConfirmSubscription|is not on sns.us-east-1.amazonaws.com",
        "https://sns.us-east-1.amazonaws.com@169.254.169.254/?Action=ConfirmSubscription|carries user info",
      })
  void subscribeUrls(String url, String problem) {
    assertThat(AWS.subscribeUrlProblem(URI.create(url), US_EAST_1)).isEqualTo(problem);
  }

  /** The production flow (real host rules) refuses each trick before any network access. */
  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "http://sns.us-east-1.amazonaws.com/SimpleNotificationService-a.pem",
    "https://sns.us-east-1.amazonaws.com.evil.example/SimpleNotificationService-a.pem",
    "https://sns.us-east-1.amazonaws.com@evil.example/SimpleNotificationService-a.pem",
    "https://127.0.0.1/SimpleNotificationService-a.pem",
    "https://sns.us-east-1.amazonaws.com:8443/SimpleNotificationService-a.pem",
    "https://sns.us-east-1.amazonaws.com/%2e%2e/SimpleNotificationService-a.pem",
    "not a url at all",
  })
  void theProductionFlowRejectsCertificateUrlTricksWithoutFetching(String url) {
    EventPipeline pipeline =
        EventPipeline.create(
            Configuration.builder().setting(SnsHttpFlow.ALLOWED_TOPICS, SnsTestPki.TOPIC).build(),
            ClassifierRegistry.of());
    SnsHttpFlow production = SnsTestPki.flow(pipeline, pki.productionRulesWithTestClock());
    Map<String, String> f = pki.notification("x", null);
    f.put("SigningCertURL", url);
    f = pki.signed(f);
    AtomicInteger calls = new AtomicInteger();
    long start = System.nanoTime();
    SnsHttpAnswer a =
        production.handle(
            SnsTestPki.body(f),
            SnsTestPki.headers(f),
            r -> {
              calls.incrementAndGet();
              return AppResponse.of(200);
            },
            null,
            Duration.ofSeconds(10));
    assertThat(a.status()).as(a.outcome()).isEqualTo(401);
    assertThat(a.response().bodyText()).contains("SigningCertURL");
    assertThat(calls).hasValue(0);
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .as("no download was tried")
        .isLessThan(Duration.ofSeconds(1));
  }
}
