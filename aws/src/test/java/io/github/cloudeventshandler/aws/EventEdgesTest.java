package io.github.cloudeventshandler.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.cloudevents.CloudEvent;
import io.github.cloudeventshandler.core.AppRequest;
import io.github.cloudeventshandler.core.AppResponse;
import io.github.cloudeventshandler.core.BadEventException;
import io.github.cloudeventshandler.core.BadEventException.Problem;
import io.github.cloudeventshandler.core.RequestAttributes;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.function.Consumer;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 10 through the real {@link LambdaHandler}, AWS part: events the platforms deliver are never
 * refused for our formatting of them (class 1), events valid by the providers' schemas and
 * documentation are accepted (class 2), and malformed input gets a {@link BadEventException} naming
 * the field's path, never another throwable (class 4). Each test says where the fact comes from.
 */
class EventEdgesTest {
  private final Lambda lambda = new Lambda(r -> AppResponse.of(200, "application/json", "{}"));

  private AppRequest only() {
    assertThat(lambda.requests).hasSize(1);
    return lambda.requests.get(0);
  }

  private static CloudEvent cloudEvent(AppRequest r) {
    return (CloudEvent) r.attributes().get(RequestAttributes.CLOUD_EVENT);
  }

  private static String mutate(String json, Consumer<JsonObject> change) {
    JsonObject o = JsonParser.parseString(json).getAsJsonObject();
    change.accept(o);
    return o.toString();
  }

  private static JsonObject record0(JsonObject o) {
    return o.getAsJsonArray("Records").get(0).getAsJsonObject();
  }

  private void rejected(String event, Problem problem, String... fragments) {
    assertThatThrownBy(() -> lambda.invoke(event))
        .isExactlyInstanceOf(BadEventException.class)
        .satisfies(e -> assertThat(((BadEventException) e).problem()).isEqualTo(problem))
        .satisfies(
            e -> {
              for (String f : fragments) {
                assertThat(e.getMessage()).contains(f);
              }
            })
        .hasMessageNotContaining("\n");
    assertThat(lambda.requests).as("the application is not called").isEmpty();
  }

  /** Class 1: a CloudEvent attribute we derive is always valid; we percent-encode, never refuse. */
  @Nested
  class DerivedAttributes {
    /**
     * EventBridge {@code PutEvents}: the entry's {@code Source} is free text (the API reference
     * gives it no pattern), so a custom application can send {@code my app <orders>}.
     */
    @Test
    void eventBridgeCustomSourceWithSpaceAndAngleBrackets() {
      lambda.invoke(
          "{\"version\":\"0\",\"id\":\"e-1\",\"detail-type\":\"Order Placed\",\"source\":\"my app"
              + " <orders>\",\"account\":\"111122223333\",\"time\":\"2024-05-01T12:00:00Z\","
              + "\"region\":\"us-east-1\",\"resources\":[],\"detail\":{\"n\":1}}");
      assertThat(cloudEvent(only()).getSource()).hasToString("my%20app%20%3Corders%3E");
      assertThat(cloudEvent(only()).getType()).isEqualTo("Order Placed");
    }

    /**
     * EventBridge: the {@code id} of a custom event comes from {@code PutEvents} and is opaque
     * text; a line break in it is percent-encoded in the CloudEvent id (a long mutation run found
     * it taking an error message onto two lines before the route rules changed).
     */
    @Test
    void eventBridgeIdWithALineBreak() {
      lambda.invoke(
          "{\"id\":\"x\\r\\ny\",\"detail-type\":\"t\",\"source\":\"my.app\","
              + "\"time\":\"2024-05-01T12:00:00Z\"}");
      assertThat(cloudEvent(only()).getId()).isEqualTo("x%0D%0Ay");
    }

    /**
     * CloudWatch {@code PutMetricAlarm}: an alarm name may hold any UTF-8 character but controls,
     * and it is the last part of the alarm's ARN, which is the CloudEvent source.
     */
    @Test
    void cloudWatchAlarmNamedWithSpacesAPercentSignAndBraces() {
      String arn = "arn:aws:cloudwatch:us-east-1:111122223333:alarm:CPU > 80% {prod}";
      lambda.invoke(
          "{\"source\":\"aws.cloudwatch\",\"alarmArn\":\""
              + arn
              + "\",\"accountId\":\"111122223333\",\"time\":\"2023-08-04T12:36:15.490+0000\","
              + "\"region\":\"us-east-1\",\"alarmData\":{\"alarmName\":\"CPU > 80% {prod}\","
              + "\"state\":{\"value\":\"ALARM\",\"timestamp\":\"2023-08-04T12:36:15.490+0000\"}}}");
      CloudEvent ce = cloudEvent(only());
      assertThat(ce.getSource())
          .hasToString(
              "arn:aws:cloudwatch:us-east-1:111122223333:alarm:CPU%20%3E%2080%25%20%7Bprod%7D");
      assertThat(ce.getSubject()).isEqualTo("CPU > 80% {prod}");
      assertThat(ce.getId()).isEqualTo(arn + "#2023-08-04T12:36:15.490+0000");
    }

    /**
     * CloudWatch Logs {@code CreateLogGroup}: log group names may hold {@code #} (pattern {@code
     * [\.\-_/#A-Za-z0-9]+}); a second {@code #} cannot stay literal in a URI.
     */
    @Test
    void logGroupWithTwoHashSigns() throws IOException {
      String decoded =
          "{\"messageType\":\"DATA_MESSAGE\",\"owner\":\"111122223333\","
              + "\"logGroup\":\"/app/blue#1#2\",\"logStream\":\"s\",\"subscriptionFilters\":[\"f\"],"
              + "\"logEvents\":[{\"id\":\"3195\",\"timestamp\":1432826855000,\"message\":\"m\"}]}";
      lambda.invoke("{\"awslogs\":{\"data\":\"" + gzipBase64(decoded) + "\"}}");
      assertThat(cloudEvent(only()).getSource())
          .hasToString("aws:logs:111122223333:log-group:/app/blue#1%232");
    }

    /**
     * API Gateway Lambda authorizers: the method ARN carries the resource path, which for a greedy
     * path variable is {@code {proxy+}}.
     */
    @Test
    void authorizerMethodArnWithAGreedyPathVariable() {
      lambda.invoke(
          "{\"type\":\"TOKEN\",\"authorizationToken\":\"allow\",\"methodArn\":"
              + "\"arn:aws:execute-api:us-east-1:111122223333:abc123/prod/GET/{proxy+}\"}");
      assertThat(cloudEvent(only()).getSource())
          .hasToString("arn:aws:execute-api:us-east-1:111122223333:abc123/prod/GET/%7Bproxy+%7D");
    }

    /**
     * Amazon S3 object keys may hold the ASCII control characters 0x00-0x1F (S3's naming guide
     * lists them as characters that need special handling): the subject keeps them percent-encoded,
     * since a CloudEvents String may not hold them.
     */
    @Test
    void s3KeyWithALineBreak() {
      lambda.invoke(Events.s3("report%0A2024.csv"));
      assertThat(cloudEvent(only()).getSubject()).isEqualTo("report%0A2024.csv");
      assertThat(only().path()).isEqualTo("/aws.s3");
    }

    /** Kinesis {@code PutRecord}: a partition key is any Unicode string of 1-256 characters. */
    @Test
    void kinesisPartitionKeyWithAControlCharacter() {
      lambda.invoke(
          mutate(
              Events.kinesis(1),
              o ->
                  record0(o)
                      .getAsJsonObject("kinesis")
                      .addProperty("partitionKey", "pk\u0001\u0085")));
      assertThat(cloudEvent(only()).getSubject()).isEqualTo("pk%01%C2%85");
    }

    /**
     * RabbitMQ: an AMQP {@code message-id} is a short string the publisher chooses, so it can hold
     * a line break; it becomes the CloudEvent id.
     */
    @Test
    void rabbitMqMessageIdWithALineBreak() {
      lambda.invoke(
          "{\"eventSource\":\"aws:rmq\",\"eventSourceArn\":\"arn:aws:mq:us-east-1:111122223333:"
              + "broker:b:b-1\",\"rmqMessagesByQueue\":{\"q::/\":[{\"basicProperties\":"
              + "{\"messageId\":\"order\\r\\n42\"},\"redelivered\":false,\"data\":\"e30=\"}]}}");
      assertThat(cloudEvent(only()).getId()).isEqualTo("order%0D%0A42");
    }

    /**
     * AWS IoT Events: a detector's key value comes from the input message the device sent; it
     * becomes the subject.
     */
    @Test
    void iotEventsKeyValueWithAC1Control() {
      lambda.invoke(
          "{\"event\":{\"eventName\":\"overheated\",\"eventTime\":1600000000000,\"payload\":"
              + "{\"detector\":{\"detectorModelName\":\"motor\",\"keyValue\":\"m\\u00851\"},"
              + "\"actionExecutionId\":\"a-1\"}}}");
      assertThat(cloudEvent(only()).getSubject()).isEqualTo("m%C2%851");
    }
  }

  /** Class 2: what the providers' schemas and documentation allow is accepted. */
  @Nested
  class ValidBySchema {
    /**
     * Kinesis {@code PutRecord}: {@code Data} has a minimum length of 0, so a record can carry no
     * data at all ({@code "data": ""}).
     */
    @Test
    void kinesisRecordWithEmptyData() {
      lambda.invoke(Events.records(one(Events.kinesisRecord(1, ""))));
      assertThat(only().path()).isEqualTo("/aws.kinesis");
    }

    /** Kafka: a tombstone record (a deletion marker in a compacted topic) has a null value. */
    @Test
    void kafkaTombstoneWithANullValue() {
      lambda.invoke(
          "{\"eventSource\":\"aws:kafka\",\"eventSourceArn\":\"arn:aws:kafka:us-east-1:1:"
              + "cluster/c/1\",\"records\":{\"t-0\":[{\"topic\":\"t\",\"partition\":0,"
              + "\"offset\":7,\"timestamp\":1545084650987,\"key\":\"aw==\",\"value\":null}]}}");
      assertThat(cloudEvent(only()).getId()).isEqualTo("t:0:7");
    }

    /**
     * Self-managed Kafka: AWS documents {@code SelfManagedKafka}; an earlier example spelled it
     * {@code aws:SelfManagedKafka} (the conformance cases {@code aws/kafka/self-managed-*} hold the
     * whole events).
     */
    @ParameterizedTest
    @ValueSource(strings = {"aws:kafka", "SelfManagedKafka", "aws:SelfManagedKafka"})
    void everyDocumentedKafkaSpelling(String eventSource) {
      lambda.invoke(
          "{\"eventSource\":\""
              + eventSource
              + "\",\"eventSourceArn\":\"arn:aws:kafka:us-east-1:1:cluster/c/1\","
              + "\"bootstrapServers\":\"b-1.example.com:9092\",\"records\":{\"t-0\":[{\"topic\":"
              + "\"t\",\"partition\":\"0\",\"offset\":\"8\",\"value\":\"aGk=\"}]}}");
      assertThat(cloudEvent(only()).getId()).isEqualTo("t:0:8");
    }

    /**
     * A CloudEvent written {@code specVersion} (as some Microsoft examples do) is told that the
     * name's case is wrong, not that specversion is missing.
     */
    @Test
    void structuredCloudEventWithCamelCaseSpecVersion() {
      rejected(
          "{\"specVersion\":\"1.0\",\"id\":\"1\",\"source\":\"/orders\",\"type\":\"placed\"}",
          Problem.INVALID_FIELD,
          "'specVersion' is misspelled",
          "write 'specversion'");
    }
  }

  /** Class 4: a value of the wrong type is a BadEventException naming its path. */
  @Nested
  class WrongTypes {
    @Test
    void queryParameterThatIsAnObjectInARestApiRequest() {
      rejected(
          mutate(
              Events.apiV1().toString(),
              o -> o.add("queryStringParameters", JsonParser.parseString("{\"a\":{}}"))),
          Problem.INVALID_FIELD,
          "aws aws.apigateway.rest event api-req",
          "field queryStringParameters.a must be a string but is an object");
    }

    @Test
    void queryParameterThatIsAnObjectInAnAlbRequest() {
      rejected(
          mutate(
              Events.alb(false).toString(),
              o -> o.add("queryStringParameters", JsonParser.parseString("{\"a\":{}}"))),
          Problem.INVALID_FIELD,
          "aws aws.elb event",
          "field queryStringParameters.a must be a string but is an object");
    }

    @ParameterizedTest
    @ValueSource(strings = {"[[]]", "[{}]", "[\"a=1\",7,[]]"})
    void cookieThatIsNoString(String cookies) {
      rejected(
          mutate(Events.apiV2().toString(), o -> o.add("cookies", JsonParser.parseString(cookies))),
          Problem.INVALID_FIELD,
          "aws aws.apigateway.http event v2-req: field cookies[",
          "must be a string but is");
    }

    @Test
    void aNullCookieIsSkipped() {
      lambda.invoke(
          mutate(
              Events.apiV2().toString(),
              o -> o.add("cookies", JsonParser.parseString("[null,\"a=1\"]"))));
      assertThat(only().header("Cookie")).contains("a=1");
    }

    @Test
    void multiValueQueryParameterWithAnObject() {
      rejected(
          mutate(
              Events.alb(true).toString(),
              o ->
                  o.add(
                      "multiValueQueryStringParameters",
                      JsonParser.parseString("{\"q\":[\"1\",{}]}"))),
          Problem.INVALID_FIELD,
          "field multiValueQueryStringParameters.q[1] must be a string but is an object");
    }

    @Test
    void multiValueHeaderWithAnArray() {
      rejected(
          mutate(
              Events.alb(true).toString(),
              o -> o.add("multiValueHeaders", JsonParser.parseString("{\"accept\":[[]]}"))),
          Problem.INVALID_FIELD,
          "field multiValueHeaders.accept[0] must be a string but is an array");
    }

    @Test
    void isBase64EncodedAsAString() {
      rejected(
          mutate(Events.apiV1().toString(), o -> o.addProperty("isBase64Encoded", "true")),
          Problem.INVALID_FIELD,
          "field isBase64Encoded must be a boolean but is a string");
    }

    @Test
    void httpMethodAsANumber() {
      rejected(
          mutate(
              Events.apiV2().toString(),
              o ->
                  o.getAsJsonObject("requestContext")
                      .getAsJsonObject("http")
                      .addProperty("method", 7)),
          Problem.INVALID_FIELD,
          "field requestContext.http.method must be a string but is a number");
    }

    @Test
    void snsEnvelopeThatIsAString() {
      rejected(
          "{\"Records\":[{\"EventSource\":\"aws:sns\",\"Sns\":\"x\"}]}",
          Problem.INVALID_FIELD,
          "aws aws.sns event: field Records[0].Sns must be an object but is a string");
    }

    @Test
    void sqsAttributesThatAreAString() {
      rejected(
          mutate(Events.sqs(1, false), o -> record0(o).addProperty("attributes", "x")),
          Problem.INVALID_FIELD,
          "aws aws.sqs event m1: field Records[0].attributes must be an object but is a string");
    }

    @Test
    void kafkaRecordsThatAreAnArray() {
      rejected(
          "{\"eventSource\":\"aws:kafka\",\"eventSourceArn\":\"arn:aws:kafka:us-east-1:1:"
              + "cluster/c/1\",\"records\":[]}",
          Problem.INVALID_FIELD,
          "aws aws.kafka event: field records must be an object but is an array");
    }

    @Test
    void eventBridgeIdThatIsAnObject() {
      rejected(
          "{\"id\":{},\"detail-type\":\"t\",\"source\":\"s\"}",
          Problem.INVALID_FIELD,
          "aws aws.events event: field id must be a string but is an object");
    }

    /**
     * An epoch time written with a huge exponent is refused at once: the arithmetic is bounded, so
     * {@code 1e999999999} neither hangs nor exhausts memory.
     */
    @Test
    void epochTimeWithAHugeExponentIsRefusedQuickly() {
      String event =
          mutate(
              Events.dynamo(1),
              o ->
                  record0(o)
                      .getAsJsonObject("dynamodb")
                      .add("ApproximateCreationDateTime", JsonParser.parseString("1e999999999")));
      assertTimeoutPreemptively(
          Duration.ofSeconds(10),
          () ->
              rejected(
                  event,
                  Problem.INVALID_FIELD,
                  "field Records[0].dynamodb.ApproximateCreationDateTime is not an epoch time"));
    }
  }

  private static JsonArray one(JsonObject r) {
    JsonArray a = new JsonArray();
    a.add(r);
    return a;
  }

  private static String gzipBase64(String text) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
      gz.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return Base64.getEncoder().encodeToString(bytes.toByteArray());
  }
}
