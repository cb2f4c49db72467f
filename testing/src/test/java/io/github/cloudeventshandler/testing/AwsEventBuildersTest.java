package io.github.cloudeventshandler.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.cloudeventshandler.core.AppRequest;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every AWS builder, given the values of a recorded event, reaches the application through the real
 * {@code LambdaHandler} as that recorded event does (same kind, route and CloudEvent attributes as
 * its conformance sidecar); and the fields the builders derive are derived as AWS does.
 */
class AwsEventBuildersTest {
  @RegisterExtension static final LocalCloud cloud = LocalCloud.of(EchoServlet.class);

  private static PlatformReply send(LambdaEvent event) {
    return cloud.lambda().send(event);
  }

  private static final String EXAMPLE_ID_2 =
      "EXAMPLE123/5678abcdefghijklambdaisawesome/mnopqrstuvwxyzABCDEFGH";

  @Test
  void s3PutAndDelete() {
    S3Events.S3Event put =
        S3Events.put("example-bucket", "test/key")
            .requestId("EXAMPLE123456789")
            .hostId(EXAMPLE_ID_2)
            .time(Instant.EPOCH);
    Recorded.assertDeliveredAsRecorded(send(put), "aws/s3/s3-put-sam");
    assertThat(put.cloudEventId()).isEqualTo("EXAMPLE123456789." + EXAMPLE_ID_2);

    S3Events.S3Event delete =
        S3Events.delete("example-bucket", "test/key")
            .requestId("EXAMPLE123456789")
            .hostId(EXAMPLE_ID_2)
            .time(Instant.EPOCH);
    Recorded.assertDeliveredAsRecorded(send(delete), "aws/s3/s3-delete-sam");
  }

  @Test
  void s3KeysAreFormEncodedAsS3WritesThemAndTheAppSeesTheKey() {
    String key = "photos/2026/red flower+(1) é.jpg";
    S3Events.S3Event put = S3Events.put("b", key);
    JsonObject object = record(put).getAsJsonObject("s3").getAsJsonObject("object");
    assertThat(object.get("key").getAsString())
        .isEqualTo("photos/2026/red+flower%2B%281%29+%C3%A9.jpg");
    PlatformReply reply = send(put);
    assertThat(reply).succeeded().routedTo("/aws.s3");
    assertThat(Recorded.ceAttributes(reply.requests().get(0))).containsEntry("subject", key);
  }

  @Test
  void newEventsGetTheirOwnIds() {
    assertThat(S3Events.put("b", "k").cloudEventId())
        .isNotEqualTo(S3Events.put("b", "k").cloudEventId());
    assertThat(SqsEvents.message("a").messageId()).isNotEqualTo(SqsEvents.message("a").messageId());
  }

  @Test
  void sqsMessageHasTheMd5OfItsBody() {
    SqsEvents.SqsMessage m =
        SqsEvents.message("Hello from SQS!")
            .messageId("19dd0b57-b21e-4ac1-bd88-01bbb068cb78")
            .sentAt(Instant.ofEpochMilli(1523232000000L));
    SqsEvents.SqsBatch batch = SqsEvents.batch(m);
    // the recorded value, which SAM computes as MD5 of the body
    assertThat(record(batch).get("md5OfBody").getAsString())
        .isEqualTo("7b270e59b47ff90a553787216d55d91d");
    Recorded.assertDeliveredAsRecorded(send(batch), "aws/sqs/sqs-receive-message-sam");
  }

  @Test
  void sqsBatchReportsTheFailedMessage() {
    SqsEvents.SqsMessage ok = SqsEvents.message("{\"order\":1}");
    SqsEvents.SqsMessage bad = SqsEvents.message("{\"order\":\"FAIL\"}");
    SqsEvents.SqsMessage last = SqsEvents.message("{\"order\":3}");
    PlatformReply reply = send(SqsEvents.batch(ok, bad, last));
    assertThat(reply).failed().routedTo("/aws.sqs", "/aws.sqs", "/aws.sqs");
    assertThat(reply).batchItemFailures().containsExactly(bad.messageId());
  }

  @Test
  void sqsFifoBatchStopsAtTheFirstFailureAndReportsTheRest() {
    SqsEvents.SqsMessage first = SqsEvents.message("one");
    SqsEvents.SqsMessage bad = SqsEvents.message("FAIL");
    SqsEvents.SqsMessage after = SqsEvents.message("three");
    SqsEvents.SqsBatch fifo = SqsEvents.fifoBatch("group-1", first, bad, after);
    JsonObject a = record(fifo).getAsJsonObject("attributes");
    assertThat(a.get("MessageGroupId").getAsString()).isEqualTo("group-1");
    assertThat(a.get("MessageDeduplicationId").getAsString())
        .isEqualTo("7692c3ad3540bb803c020b3aee66cd8887123234ea0c6e7143c0add73ff431ed");
    assertThat(records(fifo).get(0).getAsJsonObject().get("eventSourceARN").getAsString())
        .endsWith(".fifo");
    long s0 = seq(fifo, 0);
    assertThat(seq(fifo, 1)).isGreaterThan(s0);

    PlatformReply reply = send(fifo);
    assertThat(reply).routedTo("/aws.sqs", "/aws.sqs"); // the third is not sent
    assertThat(reply).batchItemFailures().containsExactly(bad.messageId(), after.messageId());
  }

  @Test
  void sns() {
    SnsEvents.SnsNotification n =
        SnsEvents.notification(
                "arn:aws:sns:eu-central-1:123456789012:TopicSendToMe",
                "{\"id\":42,\"name\":\"Bob\"}")
            .subject("Test sns message")
            .messageId("dc918f50-80c6-56a2-ba33-d8a9bbf013ab")
            .timestamp(Instant.parse("2020-10-08T16:06:14.656Z"))
            .subscriptionArn(
                "arn:aws:sns:eu-central-1:123456789012:TopicSendToMe:e3ddc7d5-2f86-40b8-a13d-3362f94fd8dd")
            .attribute("name", "Bob");
    Recorded.assertDeliveredAsRecorded(send(n), "aws/sns/sns-notification-java-libs");
  }

  @Test
  void kinesisDataIsBase64AndFailuresNameTheSequenceNumber() {
    KinesisEvents.KinesisRecord r =
        KinesisEvents.record("Hello, this is a test 123.")
            .partitionKey("partitionKey-03")
            .sequenceNumber("49545115243490985018280067714973144582180062593244200961")
            .arrivedAt(Instant.ofEpochSecond(1428537600));
    KinesisEvents.KinesisBatch batch = KinesisEvents.batch(r).streamArn("arn:aws:kinesis:EXAMPLE");
    assertThat(record(batch).getAsJsonObject("kinesis").get("data").getAsString())
        .isEqualTo("SGVsbG8sIHRoaXMgaXMgYSB0ZXN0IDEyMy4=");
    Recorded.assertDeliveredAsRecorded(send(batch), "aws/kinesis/kinesis-one-record");

    KinesisEvents.KinesisRecord bad = KinesisEvents.record("x").partitionKey("FAIL");
    KinesisEvents.KinesisRecord after = KinesisEvents.record("later");
    PlatformReply reply = send(KinesisEvents.batch(KinesisEvents.record("ok"), bad, after));
    // ordered: the failed record and every one after it (not sent) are reported
    assertThat(reply)
        .batchItemFailures()
        .containsExactly(bad.sequenceNumber(), after.sequenceNumber());
    assertThat(reply.requests()).hasSize(2);
  }

  @Test
  void dynamoDb() {
    String keys = "{\"Id\":{\"N\":\"101\"}}";
    String stream =
        "arn:aws:dynamodb:eu-central-1:123456789012:table/ExampleTableWithStream/stream/"
            + "2015-06-27T00:48:05.899";
    DynamoDbEvents.DynamoDbBatch batch =
        DynamoDbEvents.batch(
                DynamoDbEvents.insert(keys)
                    .newImage("{\"Message\":{\"S\":\"New item!\"},\"Id\":{\"N\":\"101\"}}")
                    .eventId("c4ca4238a0b923820dcc509a6f75849b")
                    .createdAt(Instant.ofEpochSecond(1428537600)),
                DynamoDbEvents.modify(keys)
                    .eventId("c81e728d9d4c2f636f067f89cc14862c")
                    .createdAt(Instant.ofEpochSecond(1635734407, 123456789)),
                DynamoDbEvents.remove(keys)
                    .eventId("eccbc87e4b5ce2fe28308fd9f2a7baf3")
                    .createdAt(Instant.ofEpochSecond(1428537600)))
            .streamArn(stream);
    Recorded.assertDeliveredAsRecorded(send(batch), "aws/dynamodb/dynamodb-three-records");
    assertThat(records(batch).get(2).getAsJsonObject().getAsJsonObject("dynamodb").has("NewImage"))
        .isFalse();
  }

  @Test
  void eventBridgeScheduledAndCustom() {
    EventBridgeEvents.EventBridgeEvent scheduled =
        EventBridgeEvents.scheduled("ExampleRule")
            .id("cdc73f9d-aea9-11e3-9d5a-835b769c0d9c")
            .time(Instant.EPOCH);
    Recorded.assertDeliveredAsRecorded(send(scheduled), "aws/eventbridge/scheduled-event-sam");

    PlatformReply custom =
        send(EventBridgeEvents.event("com.example.orders", "Order Placed", "{\"id\":7}"));
    assertThat(custom).succeeded().routedTo("/com.example.orders");
    assertThat(Recorded.ceAttributes(custom.requests().get(0)))
        .containsEntry("type", "Order Placed")
        .containsEntry("source", "com.example.orders");
  }

  @Test
  void httpApiV2() {
    ApiGatewayEvents.HttpApiRequest req =
        ApiGatewayEvents.httpApi(
                "POST", "/my/path?parameter1=value1&parameter1=value2&parameter2=value")
            .header("Header1", "value1")
            .header("Header2", "value1")
            .header("Header2", "value2")
            .cookie("cookie1")
            .cookie("cookie2")
            .body("Hello from Lambda!!");
    JsonObject e = json(req);
    assertThat(e.getAsJsonObject("queryStringParameters").get("parameter1").getAsString())
        .isEqualTo("value1,value2");
    PlatformReply reply = send(req);
    Recorded.assertDeliveredAsRecorded(reply, "aws/apigateway/http-api-v2");
    AppRequest r = reply.requests().get(0);
    assertThat(r.query()).isEqualTo("parameter1=value1&parameter1=value2&parameter2=value");
    assertThat(r.header("Header2")).hasValue("value1,value2");
    assertThat(r.header("Cookie")).hasValue("cookie1; cookie2");
    assertThat(r.bodyText()).isEqualTo("Hello from Lambda!!");
    assertThat(reply).hasStatus(200).body().isEqualTo("/my/path null");
  }

  @Test
  void restApiV1() {
    ApiGatewayEvents.RestApiRequest req =
        ApiGatewayEvents.restApi("POST", "/path/to/resource?foo=bar")
            .header("User-Agent", "Custom User Agent String")
            .body("{\"message\": \"Lambda rocks\"}");
    PlatformReply reply = send(req);
    Recorded.assertDeliveredAsRecorded(reply, "aws/apigateway/rest-proxy-post");
    AppRequest r = reply.requests().get(0);
    assertThat(r.query()).isEqualTo("foo=bar");
    assertThat(r.header("User-Agent")).hasValue("Custom User Agent String");
    assertThat(reply).hasStatus(200);

    byte[] binary = {0, 1, 2, (byte) 0xff};
    PlatformReply bin = send(ApiGatewayEvents.restApi("PUT", "/blob").body(binary));
    assertThat(bin.requests().get(0).body()).containsExactly(binary);
  }

  private static JsonObject json(LambdaEvent e) {
    return JsonParser.parseString(e.toJson()).getAsJsonObject();
  }

  private static com.google.gson.JsonArray records(LambdaEvent e) {
    return json(e).getAsJsonArray("Records");
  }

  private static JsonObject record(LambdaEvent e) {
    return records(e).get(0).getAsJsonObject();
  }

  private static long seq(SqsEvents.SqsBatch b, int i) {
    return Long.parseLong(
        records(b)
            .get(i)
            .getAsJsonObject()
            .getAsJsonObject("attributes")
            .get("SequenceNumber")
            .getAsString());
  }
}
