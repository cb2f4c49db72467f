package io.github.cloudeventshandler.aws.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cloudeventshandler.aws.LambdaReply;
import io.github.cloudeventshandler.core.AppResponse;
import io.github.cloudeventshandler.core.BadEventException;
import io.github.cloudeventshandler.core.BadEventException.Problem;
import io.github.cloudeventshandler.core.classifier.Delivery;
import io.github.cloudeventshandler.core.spi.JsonLimits;
import io.github.cloudeventshandler.core.spi.RecordOutcome;
import io.github.cloudeventshandler.core.spi.StrictJson;
import org.junit.jupiter.api.Test;

/** Kafka (MSK, self-managed), Amazon MQ and RabbitMQ. */
class BrokerClassifiersTest {
  static final String MSK =
      """
      {"eventSource":"aws:kafka","eventSourceArn":"arn:aws:kafka:us-east-1:123456789012:cluster/c/1",
       "bootstrapServers":"b-1:9092,b-2:9092","records":{
        "mytopic-0":[{"topic":"mytopic","partition":0,"offset":15,"timestamp":1596480920837,
          "timestampType":"CREATE_TIME","value":"SGVsbG8=","headers":[
          {"content-type":[116,101,120,116,47,112,108,97,105,110]}]},
         {"topic":"mytopic","partition":0,"offset":16,"timestamp":1596480920838,"value":"IQ=="}],
        "mytopic-1":[{"topic":"mytopic","partition":1,"offset":3,"timestamp":1596480920839,
          "value":null,"headers":[]}]}}""";
  static final String SELF_MANAGED =
      """
      {"eventSource":"SelfManagedKafka","bootstrapServers":"kafka1.example.com:9092,k2:9092",
       "records":{"t-0":[{"topic":"t","partition":0,"offset":1,"timestamp":1596480920837,
       "value":"e30="}]}}""";
  static final String MQ =
      """
      {"eventSource":"aws:amq","eventSourceArn":"arn:aws:mq:us-west-2:112556298976:broker:test:b-9",
       "messages":[{"messageID":"ID:1","messageType":"jms/text-message","timestamp":1598827811958,
         "data":"QUJDOkFBQUE=","destination":{"physicalname":"testQueue"}},
        {"messageID":"ID:2","messageType":"jms/bytes-message","timestamp":1598827811958,
         "data":"3DTOOW7crj51prgVLQaGQ82S48k=","destination":{"physicalname":"testQueue"}}]}""";
  static final String RABBIT =
      """
      {"eventSource":"aws:rmq","eventSourceArn":"arn:aws:mq:us-west-2:112556298976:broker:test:b-9",
       "rmqMessagesByQueue":{"test::/":[{"basicProperties":{"contentType":"text/plain",
         "messageId":null,"timestamp":"Jan 1, 1970, 12:33:41 AM"},"redelivered":false,
         "data":"eyJ0aW1lb3V0IjowfQ=="},
        {"basicProperties":{"contentType":"bad\\ntype","messageId":"m-2"},"redelivered":false,
         "data":""}]}}""";

  @Test
  void kafkaSendsOneRequestPerRecordInMapOrder() {
    DispatchProbe probe = DispatchProbe.of(new KafkaClassifier());
    var result = probe.dispatch(MSK);
    assertThat(result.event().kind()).isEqualTo("aws.kafka");
    assertThat(result.event().reply()).isEqualTo(LambdaReply.ASYNC);
    assertThat(result.event().delivery()).isEqualTo(Delivery.ALL_OR_NOTHING);
    assertThat(probe.requests)
        .extracting(r -> r.header("ce-id").orElseThrow())
        .containsExactly("mytopic:0:15", "mytopic:0:16", "mytopic:1:3");
    var first = probe.requests.get(0);
    assertThat(first.path()).isEqualTo("/aws.kafka");
    assertThat(DispatchProbe.header(first, "ce-source"))
        .isEqualTo("arn:aws:kafka:us-east-1:123456789012:cluster/c/1");
    assertThat(DispatchProbe.header(first, "ce-type")).isEqualTo("com.amazonaws.kafka.record");
    assertThat(DispatchProbe.header(first, "ce-subject")).isEqualTo("mytopic");
    assertThat(DispatchProbe.header(first, "ce-time")).isEqualTo("2020-08-03T18:55:20.837Z");
    var narrowed = StrictJson.parseObject(first.body(), JsonLimits.DEFAULT, "t");
    assertThat(narrowed.getAsJsonObject("records").keySet()).containsExactly("mytopic-0");
    assertThat(narrowed.getAsJsonObject("records").getAsJsonArray("mytopic-0")).hasSize(1);
    assertThat(narrowed.get("bootstrapServers").getAsString()).isEqualTo("b-1:9092,b-2:9092");
    assertThat(result.event().records()).allSatisfy(r -> assertThat(r.itemId()).isNull());
  }

  @Test
  void kafkaUnwrappedSendsTheDecodedValueAsBytesWhateverItsHeadersSay() {
    DispatchProbe probe = DispatchProbe.unwrapped(new KafkaClassifier());
    probe.dispatch(MSK);
    assertThat(probe.requests.get(0).bodyText()).isEqualTo("Hello");
    assertThat(DispatchProbe.header(probe.requests.get(0), "Content-Type"))
        .isEqualTo("application/octet-stream");
    assertThat(probe.requests.get(1).bodyText()).isEqualTo("!");
    assertThat(DispatchProbe.header(probe.requests.get(1), "Content-Type"))
        .isEqualTo("application/octet-stream");
    assertThat(probe.requests.get(2).bodyLength()).isZero();
  }

  @Test
  void kafkaStopsAtTheFirstFailureSinceTheWholeBatchIsRetried() {
    DispatchProbe probe =
        DispatchProbe.answering(
            new KafkaClassifier(),
            r -> AppResponse.of(r.header("ce-id").orElseThrow().endsWith(":16") ? 500 : 200));
    var result = probe.dispatch(MSK);
    assertThat(probe.requests).hasSize(2);
    assertThat(result.allHandled()).isFalse();
    assertThat(result.outcomes().get(2)).isInstanceOf(RecordOutcome.Skipped.class);
  }

  @Test
  void selfManagedKafkaUsesTheFirstBootstrapServerAsSource() {
    var e = DispatchProbe.of(new KafkaClassifier()).classify(SELF_MANAGED);
    assertThat(e.records().get(0).cloudEvent().getSource().toString())
        .isEqualTo("kafka://kafka1.example.com:9092");
  }

  @Test
  void kafkaRecordWithoutOffsetOrWithBadBase64IsRejected() {
    String noOffset = MSK.replace("\"offset\":16,", "");
    assertThatThrownBy(() -> DispatchProbe.of(new KafkaClassifier()).classify(noOffset))
        .isInstanceOfSatisfying(
            BadEventException.class, e -> assertThat(e.problem()).isEqualTo(Problem.MISSING_FIELD))
        .hasMessageContaining("aws aws.kafka event: field records.mytopic-0[1].offset is missing");
    String badValue = MSK.replace("\"IQ==\"", "\"I@Q=\"");
    assertThatThrownBy(() -> DispatchProbe.of(new KafkaClassifier()).classify(badValue))
        .isInstanceOfSatisfying(
            BadEventException.class, e -> assertThat(e.problem()).isEqualTo(Problem.INVALID_FIELD))
        .hasMessageContaining(
            "aws aws.kafka event mytopic:0:16: field records.mytopic-0[1].value is not valid base64");
  }

  @Test
  void selfManagedKafkaWithoutAServerIsRejected() {
    String json = SELF_MANAGED.replace("kafka1.example.com:9092,k2:9092", ",");
    assertThatThrownBy(() -> DispatchProbe.of(new KafkaClassifier()).classify(json))
        .isInstanceOfSatisfying(
            BadEventException.class, e -> assertThat(e.problem()).isEqualTo(Problem.INVALID_FIELD))
        .hasMessageContaining("field bootstrapServers names no server");
  }

  @Test
  void kafkaWithoutRecordsIsRejected() {
    assertThatThrownBy(
            () ->
                DispatchProbe.of(new KafkaClassifier())
                    .classify("{\"eventSource\":\"aws:kafka\",\"eventSourceArn\":\"a\"}"))
        .isInstanceOf(BadEventException.class)
        .hasMessageContaining("field records is missing");
    assertThatThrownBy(
            () ->
                DispatchProbe.of(new KafkaClassifier())
                    .classify(
                        "{\"eventSource\":\"aws:kafka\",\"eventSourceArn\":\"a\",\"records\":{}}"))
        .isInstanceOf(BadEventException.class)
        .hasMessageContaining("field records holds no record");
  }

  @Test
  void amazonMqMessages() {
    DispatchProbe probe = DispatchProbe.unwrapped(new AmazonMqClassifier());
    var result = probe.dispatch(MQ);
    assertThat(result.event().kind()).isEqualTo("aws.mq");
    assertThat(result.event().reply()).isEqualTo(LambdaReply.ASYNC);
    assertThat(probe.requests).hasSize(2);
    var first = probe.requests.get(0);
    assertThat(first.path()).isEqualTo("/aws.mq");
    assertThat(DispatchProbe.header(first, "ce-id")).isEqualTo("ID:1");
    assertThat(DispatchProbe.header(first, "ce-source"))
        .isEqualTo("arn:aws:mq:us-west-2:112556298976:broker:test:b-9");
    assertThat(DispatchProbe.header(first, "ce-type")).isEqualTo("com.amazonaws.mq.message");
    assertThat(DispatchProbe.header(first, "ce-subject")).isEqualTo("testQueue");
    assertThat(DispatchProbe.header(first, "ce-time")).isEqualTo("2020-08-30T22:50:11.958Z");
    assertThat(first.bodyText()).isEqualTo("ABC:AAAA");
    assertThat(DispatchProbe.header(first, "Content-Type")).isEqualTo("text/plain; charset=utf-8");
    assertThat(DispatchProbe.header(probe.requests.get(1), "Content-Type"))
        .isEqualTo("application/octet-stream");
  }

  @Test
  void amazonMqAcceptsBothSpellingsAndRejectsAMessageWithoutId() {
    assertThat(
            new AmazonMqClassifier().classify(DispatchProbe.raw(MQ.replace("aws:amq", "aws:mq"))))
        .isPresent();
    String noId = MQ.replace("\"messageID\":\"ID:2\",", "");
    assertThatThrownBy(() -> DispatchProbe.of(new AmazonMqClassifier()).classify(noId))
        .isInstanceOfSatisfying(
            BadEventException.class, e -> assertThat(e.problem()).isEqualTo(Problem.MISSING_FIELD))
        .hasMessageContaining("aws aws.mq event: field messages[1].messageID is missing");
  }

  @Test
  void rabbitMqMessages() {
    DispatchProbe probe = DispatchProbe.unwrapped(new RabbitMqClassifier());
    var result = probe.dispatch(RABBIT);
    assertThat(result.event().kind()).isEqualTo("aws.rabbitmq");
    assertThat(probe.requests).hasSize(2);
    var first = probe.requests.get(0);
    assertThat(first.path()).isEqualTo("/aws.rabbitmq");
    assertThat(DispatchProbe.header(first, "ce-id")).matches("sha256:[0-9a-f]{64}");
    assertThat(DispatchProbe.header(first, "ce-subject")).isEqualTo("test::/");
    assertThat(DispatchProbe.header(first, "ce-type")).isEqualTo("com.amazonaws.rabbitmq.message");
    assertThat(DispatchProbe.header(first, "ce-time")).isNull();
    assertThat(first.bodyText()).isEqualTo("{\"timeout\":0}");
    assertThat(DispatchProbe.header(first, "Content-Type")).isEqualTo("application/octet-stream");
    var second = probe.requests.get(1);
    assertThat(DispatchProbe.header(second, "ce-id")).isEqualTo("m-2");
    assertThat(DispatchProbe.header(second, "Content-Type")).isEqualTo("application/octet-stream");
  }

  @Test
  void rabbitMqDigestIdSurvivesRedelivery() {
    var c = new RabbitMqClassifier();
    String id1 =
        c.classify(DispatchProbe.raw(RABBIT)).orElseThrow().records().get(0).cloudEvent().getId();
    String id2 =
        c.classify(
                DispatchProbe.raw(
                    RABBIT.replaceFirst("\"redelivered\":false", "\"redelivered\":true")))
            .orElseThrow()
            .records()
            .get(0)
            .cloudEvent()
            .getId();
    assertThat(id2).isEqualTo(id1);
  }

  @Test
  void rabbitMqDataThatIsNotBase64IsRejected() {
    String bad = RABBIT.replace("\"eyJ0aW1lb3V0IjowfQ==\"", "\"%%%\"");
    assertThatThrownBy(() -> DispatchProbe.of(new RabbitMqClassifier()).classify(bad))
        .isInstanceOfSatisfying(
            BadEventException.class, e -> assertThat(e.problem()).isEqualTo(Problem.INVALID_FIELD))
        .hasMessageContaining("aws aws.rabbitmq event sha256:")
        .hasMessageContaining("field rmqMessagesByQueue[\"test::/\"][0].data is not valid base64");
  }

  @Test
  void brokersDoNotClaimEachOther() {
    assertThat(new KafkaClassifier().classify(DispatchProbe.raw(MQ))).isEmpty();
    assertThat(new AmazonMqClassifier().classify(DispatchProbe.raw(RABBIT))).isEmpty();
    assertThat(new RabbitMqClassifier().classify(DispatchProbe.raw(MSK))).isEmpty();
  }
}
