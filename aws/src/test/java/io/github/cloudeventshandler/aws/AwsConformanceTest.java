package io.github.cloudeventshandler.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.Context;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import io.github.cloudeventshandler.conformance.ConformanceAssertions;
import io.github.cloudeventshandler.conformance.ConformanceCase;
import io.github.cloudeventshandler.conformance.ConformanceCases;
import io.github.cloudeventshandler.conformance.ConformanceCorpus;
import io.github.cloudeventshandler.conformance.RecordingApplication;
import io.github.cloudeventshandler.core.classifier.ClassifiedEvent;
import io.github.cloudeventshandler.core.classifier.RawEvent;
import io.github.cloudeventshandler.testing.platform.LocalLambdaContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;

/**
 * Every {@code aws} conformance case through the real {@link LambdaHandler}, with a recording
 * application behind it and the test kit's Lambda {@code Context} whose request id is {@link
 * #REQUEST_ID}: classification, every request, the Lambda result and every expected error.
 * CloudFormation PUTs are captured (the recorded {@code ResponseURL}s are not reachable); the
 * captured document must be the Lambda result and go to the event's {@code ResponseURL}.
 */
class AwsConformanceTest {
  /**
   * The Lambda request id ({@code Context.getAwsRequestId()}) every AWS sidecar is written with:
   * the {@code lambda-runtime-aws-request-id} header, and the CloudEvent id of sources that carry
   * no id of their own (Lex V1, Cognito, the IoT button, CloudFront without {@code requestId}).
   */
  static final String REQUEST_ID = "conformance-request-id";

  /** Every AWS source directory of the corpus; each must hold at least one case. */
  static final Set<String> SOURCES =
      Set.of(
          "alb",
          "alexa",
          "apigateway",
          "apigateway-authorizer",
          "apigateway-websocket",
          "cloudformation",
          "cloudfront",
          "cloudwatch-alarms",
          "cloudwatch-logs",
          "codecommit",
          "cognito",
          "config",
          "dynamodb",
          "eventbridge",
          "firehose",
          "iot",
          "kafka",
          "kinesis",
          "lex",
          "mq",
          "rabbitmq",
          "s3",
          "ses",
          "sns",
          "sns-http",
          "sqs",
          "unsupported");

  record Put(URI url, byte[] body) {}

  static Context context() {
    return LocalLambdaContext.builder()
        .requestId(REQUEST_ID)
        .frozenRemainingTime(Duration.ofSeconds(60))
        .logStreamName("2026/11/23/[$LATEST]conformance")
        .build();
  }

  @ParameterizedTest(name = "{0}")
  @ConformanceCases(provider = "aws", entryPoint = "lambda")
  void lambda(ConformanceCase c) throws Exception {
    RecordingApplication app = RecordingApplication.forCase(c);
    List<Put> puts = new CopyOnWriteArrayList<>();
    LambdaHandler handler =
        new LambdaHandler(
            c.configuration(), app, (url, body, timeout) -> puts.add(new Put(url, body)));
    Context context = context();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Throwable thrown = null;
    try {
      handler.handleRequest(new ByteArrayInputStream(c.input()), out, context);
    } catch (RuntimeException e) {
      thrown = e;
    }
    if (thrown != null) {
      ConformanceAssertions.assertError(c, thrown);
      assertThat(out.size()).as("nothing is written when the handler throws").isZero();
    } else {
      ConformanceAssertions.assertNoErrorExpected(c);
    }
    ConformanceAssertions.assertRequests(c, app.requests());
    if (c.expected().has("classification") && thrown == null) {
      ClassifiedEvent event =
          handler
              .pipeline()
              .classify(
                  RawEvent.builder(RawEvent.AWS, c.input())
                      .platformContext(context)
                      .limits(c.configuration().limits())
                      .build());
      ConformanceAssertions.assertClassification(c, event);
    }
    if (thrown == null && c.expected().has("reply")) {
      JsonElement reply = JsonParser.parseString(out.toString(StandardCharsets.UTF_8));
      ConformanceAssertions.assertReply(c, reply);
    }
    boolean cloudFormation =
        c.expected().has("classification")
            && "CLOUDFORMATION"
                .equals(c.expected().getAsJsonObject("classification").get("reply").getAsString());
    if (cloudFormation && thrown == null) {
      assertThat(puts).as("exactly one PUT to ResponseURL").hasSize(1);
      String url =
          JsonParser.parseString(c.inputText()).getAsJsonObject().get("ResponseURL").getAsString();
      assertThat(puts.get(0).url()).hasToString(url);
      assertThat(JsonParser.parseString(new String(puts.get(0).body(), StandardCharsets.UTF_8)))
          .isEqualTo(JsonParser.parseString(out.toString(StandardCharsets.UTF_8)));
    } else {
      assertThat(puts).as("no CloudFormation PUT for a non-CloudFormation event").isEmpty();
    }
  }

  @Test
  void everySourceHasCases() {
    List<String> seen =
        ConformanceCorpus.cases("aws").stream().map(ConformanceCase::source).distinct().toList();
    assertThat(seen).containsExactlyInAnyOrderElementsOf(SOURCES);
  }
}
