package io.github.cloudeventshandler.aws.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.cloudeventshandler.aws.LambdaReply;
import io.github.cloudeventshandler.core.BadEventException;
import io.github.cloudeventshandler.core.BadEventException.Problem;
import io.github.cloudeventshandler.core.classifier.ClassifiedEvent;
import io.github.cloudeventshandler.core.classifier.EventClassifier;
import io.github.cloudeventshandler.core.spi.JsonLimits;
import io.github.cloudeventshandler.core.spi.StrictJson;
import org.junit.jupiter.api.Test;

/** Lex, Cognito, CloudFront and Alexa: the app's JSON body is the Lambda result. */
class ReplyBearingClassifiersTest {
  static final String LEX_V1 =
      """
      {"messageVersion":"1.0","invocationSource":"DialogCodeHook","userId":"John",
       "sessionAttributes":{},"bot":{"name":"BookTrip","alias":"$LATEST","version":"$LATEST"},
       "outputDialogMode":"Text","currentIntent":{"name":"BookHotel","slots":{},
       "confirmationStatus":"None"}}""";
  static final String LEX_V2 =
      """
      {"sessionId":"2546","inputTranscript":"Book a car","messageVersion":"1.0",
       "invocationSource":"FulfillmentCodeHook","sessionState":{"intent":{"name":"BookCar"},
       "originatingRequestId":"d32005f8"},"bot":{"name":"BookTrip","id":"CCGFLGVZMD"}}""";
  static final String USER_POOL =
      """
      {"version":"1","triggerSource":"PreSignUp_SignUp","region":"us-east-1",
       "userPoolId":"us-east-1_uPoolId","userName":"testuser","callerContext":{},
       "request":{"userAttributes":{}},"response":{}}""";
  static final String SYNC =
      """
      {"version":2,"eventType":"SyncTrigger","region":"us-east-1",
       "identityPoolId":"us-east-1:pool","identityId":"us-east-1:who","datasetName":"d",
       "datasetRecords":{}}""";
  static final String CLOUDFRONT =
      """
      {"Records":[{"cf":{"config":{"distributionId":"EXAMPLE"},
       "request":{"uri":"/test","method":"GET","clientIp":"2001:cdba::3257:9652","headers":{}}}}]}""";
  static final String SKILL =
      """
      {"version":"1.0","session":{"new":true,"sessionId":"s","application":{
       "applicationId":"amzn1.ask.skill.987"},"user":{"userId":"u"}},
       "request":{"type":"IntentRequest","requestId":"amzn1.echo-api.request.1234",
       "timestamp":"2016-10-27T21:06:28Z","locale":"en-US","intent":{"name":"AnswerIntent"}}}""";
  static final String SMART_HOME_V2 =
      """
      {"header":{"messageId":"9484BF6A","name":"TurnOnRequest",
       "namespace":"Alexa.ConnectedHome.Control","payloadVersion":"2"},
       "payload":{"accessToken":"1","appliance":{"applianceId":"bulb-1"}}}""";
  static final String SMART_HOME_V3 =
      """
      {"directive":{"header":{"namespace":"Alexa.PowerController","name":"TurnOn",
       "messageId":"m-3","payloadVersion":"3"},"endpoint":{"endpointId":"lamp"},"payload":{}}}""";

  private static ClassifiedEvent classify(EventClassifier c, String json, String requestId) {
    return c.classify(DispatchProbe.raw(json, requestId)).orElseThrow();
  }

  private static void assertCloudEvent(
      ClassifiedEvent e, String kind, String id, String source, String type, String subject) {
    assertThat(e.kind()).isEqualTo(kind);
    assertThat(e.route()).isEqualTo("/" + kind);
    assertThat(e.reply()).isEqualTo(LambdaReply.RESPONSE_BODY);
    assertThat(e.records()).hasSize(1);
    var ce = e.records().get(0).cloudEvent();
    assertThat(ce.getId()).isEqualTo(id);
    assertThat(ce.getSource().toString()).isEqualTo(source);
    assertThat(ce.getType()).isEqualTo(type);
    assertThat(ce.getSubject()).isEqualTo(subject);
  }

  @Test
  void lexV1UsesTheLambdaRequestIdAndTheBotName() {
    assertCloudEvent(
        classify(new LexClassifier(), LEX_V1, "r-1"),
        "aws.lex",
        "r-1",
        "aws:lex/BookTrip",
        "com.amazonaws.lex.DialogCodeHook",
        "BookHotel");
  }

  @Test
  void lexV2UsesTheOriginatingRequestIdAndTheBotId() {
    assertCloudEvent(
        classify(new LexClassifier(), LEX_V2, "r-2"),
        "aws.lex",
        "d32005f8",
        "aws:lexv2/CCGFLGVZMD",
        "com.amazonaws.lex.FulfillmentCodeHook",
        "BookCar");
  }

  @Test
  void lexV1WithoutBotNameIsRejected() {
    String json = LEX_V1.replace("\"name\":\"BookTrip\",", "");
    assertThatThrownBy(() -> new LexClassifier().classify(DispatchProbe.raw(json, "r")))
        .isInstanceOfSatisfying(
            BadEventException.class, e -> assertThat(e.problem()).isEqualTo(Problem.MISSING_FIELD))
        .hasMessageContaining("aws aws.lex event r: field bot.name is missing");
  }

  @Test
  void cognitoUserPoolTrigger() {
    assertCloudEvent(
        classify(new CognitoClassifier(), USER_POOL, "r-3"),
        "aws.cognito",
        "r-3",
        "aws:cognito-idp.us-east-1/us-east-1_uPoolId",
        "com.amazonaws.cognito.PreSignUp_SignUp",
        "testuser");
  }

  @Test
  void cognitoSyncTrigger() {
    assertCloudEvent(
        classify(new CognitoClassifier(), SYNC, "r-4"),
        "aws.cognito",
        "r-4",
        "aws:cognito-sync.us-east-1/us-east-1:pool",
        "com.amazonaws.cognito.SyncTrigger",
        "us-east-1:who");
  }

  @Test
  void cognitoWithoutRegionIsRejected() {
    String json = USER_POOL.replace("\"region\":\"us-east-1\",", "");
    assertThatThrownBy(() -> new CognitoClassifier().classify(DispatchProbe.raw(json)))
        .isInstanceOf(BadEventException.class)
        .hasMessageContaining("aws aws.cognito event sha256:")
        .hasMessageContaining("field region is missing");
  }

  @Test
  void cognitoAppGetsTheWholeEventInBothPayloadModes() {
    DispatchProbe probe = DispatchProbe.unwrapped(new CognitoClassifier());
    probe.dispatch(USER_POOL);
    assertThat(probe.only().bodyText()).isEqualTo(USER_POOL);
  }

  @Test
  void cloudFrontRequest() {
    assertCloudEvent(
        classify(new CloudFrontClassifier(), CLOUDFRONT, "r-5"),
        "aws.cloudfront",
        "r-5",
        "aws:cloudfront/EXAMPLE",
        "com.amazonaws.cloudfront.request",
        "/test");
    String withType =
        CLOUDFRONT.replace(
            "\"distributionId\":\"EXAMPLE\"",
            "\"distributionId\":\"EXAMPLE\",\"eventType\":\"viewer-request\",\"requestId\":\"q-1\"");
    var e = classify(new CloudFrontClassifier(), withType, "r-6");
    assertThat(e.records().get(0).cloudEvent().getType())
        .isEqualTo("com.amazonaws.cloudfront.viewer-request");
    assertThat(e.records().get(0).cloudEvent().getId()).isEqualTo("q-1");
  }

  @Test
  void cloudFrontUnwrappedIsTheCfObject() {
    DispatchProbe probe = DispatchProbe.unwrapped(new CloudFrontClassifier());
    probe.dispatch(CLOUDFRONT);
    var cf = StrictJson.parseObject(probe.only().body(), JsonLimits.DEFAULT, "t");
    assertThat(cf.keySet()).containsExactly("config", "request");
  }

  @Test
  void cloudFrontWithTwoRecordsIsRejected() {
    String two = CLOUDFRONT.replace("}}]}", "}},{\"cf\":{\"config\":{}}}]}");
    assertThatThrownBy(() -> new CloudFrontClassifier().classify(DispatchProbe.raw(two)))
        .isInstanceOfSatisfying(
            BadEventException.class, e -> assertThat(e.problem()).isEqualTo(Problem.INCONSISTENT))
        .hasMessageContaining("field Records has 2 records, but Lambda@Edge sends exactly one");
  }

  @Test
  void alexaSkillRequest() {
    var e = classify(new AlexaClassifier(), SKILL, "r-7");
    assertCloudEvent(
        e,
        "aws.alexa",
        "amzn1.echo-api.request.1234",
        "aws:alexa/amzn1.ask.skill.987",
        "com.amazonaws.alexa.IntentRequest",
        "AnswerIntent");
    assertThat(e.records().get(0).cloudEvent().getTime()).hasToString("2016-10-27T21:06:28Z");
  }

  @Test
  void alexaSmartHomeDirectivesV2AndV3() {
    assertCloudEvent(
        classify(new AlexaClassifier(), SMART_HOME_V2, "r"),
        "aws.alexa",
        "9484BF6A",
        "aws:alexa.smarthome",
        "com.amazonaws.alexa.Alexa.ConnectedHome.Control.TurnOnRequest",
        "bulb-1");
    assertCloudEvent(
        classify(new AlexaClassifier(), SMART_HOME_V3, "r"),
        "aws.alexa",
        "m-3",
        "aws:alexa.smarthome",
        "com.amazonaws.alexa.Alexa.PowerController.TurnOn",
        "lamp");
  }

  @Test
  void alexaSmartHomeWithoutMessageIdIsRejected() {
    String json = SMART_HOME_V2.replace("\"messageId\":\"9484BF6A\",", "");
    assertThatThrownBy(() -> new AlexaClassifier().classify(DispatchProbe.raw(json)))
        .isInstanceOf(BadEventException.class)
        .hasMessageContaining("aws aws.alexa event: field header.messageId is missing");
  }

  @Test
  void noneClaimsAnotherOnesEvent() {
    EventClassifier[] all = {
      new LexClassifier(),
      new CognitoClassifier(),
      new CloudFrontClassifier(),
      new AlexaClassifier()
    };
    String[][] own = {{LEX_V1, LEX_V2}, {USER_POOL, SYNC}, {CLOUDFRONT}, {SKILL, SMART_HOME_V2}};
    for (int i = 0; i < all.length; i++) {
      for (int j = 0; j < own.length; j++) {
        for (String json : own[j]) {
          assertThat(all[i].classify(DispatchProbe.raw(json)).isPresent())
              .as(all[i].getClass().getSimpleName() + " on " + json)
              .isEqualTo(i == j);
        }
      }
    }
  }
}
