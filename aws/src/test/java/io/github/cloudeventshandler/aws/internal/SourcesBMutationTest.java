package io.github.cloudeventshandler.aws.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import io.github.cloudeventshandler.core.BadEventException;
import io.github.cloudeventshandler.core.EventClassifier;
import io.github.cloudeventshandler.core.JsonLimits;
import io.github.cloudeventshandler.core.StrictJson;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded mutations of valid events of every B source (a key removed, a value replaced by null, a
 * number, an empty string or container, a dot segment, a control character, a long string): every
 * classifier either answers (claimed or not) or throws {@link BadEventException} — never a {@code
 * NullPointerException}, {@code ClassCastException}, {@code IllegalStateException} or index error.
 */
class SourcesBMutationTest {
  private static final List<String> SAMPLES =
      List.of(
          SesClassifierTest.TWO,
          CodeCommitClassifierTest.EVENT,
          EventBridgeClassifierTest.SCHEDULED,
          CloudWatchAlarmClassifierTest.ALARM,
          IotClassifiersTest.RULE_EVENT,
          IotClassifiersTest.BUTTON,
          ConfigRuleClassifierTest.CHANGE,
          CloudWatchLogsClassifierTest.event(
              CloudWatchLogsClassifierTest.DECODED.getBytes(StandardCharsets.UTF_8)),
          ReplyBearingClassifiersTest.LEX_V1,
          ReplyBearingClassifiersTest.LEX_V2,
          ReplyBearingClassifiersTest.USER_POOL,
          ReplyBearingClassifiersTest.SYNC,
          ReplyBearingClassifiersTest.CLOUDFRONT,
          ReplyBearingClassifiersTest.SKILL,
          ReplyBearingClassifiersTest.SMART_HOME_V2,
          ReplyBearingClassifiersTest.SMART_HOME_V3,
          BrokerClassifiersTest.MSK,
          BrokerClassifiersTest.SELF_MANAGED,
          BrokerClassifiersTest.MQ,
          BrokerClassifiersTest.RABBIT);

  private static final List<EventClassifier> CLASSIFIERS =
      List.of(
          new SesClassifier(),
          new CodeCommitClassifier(),
          new EventBridgeClassifier(),
          new CloudWatchAlarmClassifier(),
          new CloudWatchLogsClassifier(),
          new IotRuleClassifier(),
          new IotButtonClassifier(),
          new LexClassifier(),
          new CognitoClassifier(),
          new ConfigRuleClassifier(),
          new CloudFrontClassifier(),
          new AlexaClassifier(),
          new KafkaClassifier(),
          new AmazonMqClassifier(),
          new RabbitMqClassifier());

  private static final JsonElement[] REPLACEMENTS = {
    JsonNull.INSTANCE,
    new JsonPrimitive(0),
    new JsonPrimitive(-1.5e300),
    new JsonPrimitive(""),
    new JsonPrimitive(","),
    new JsonPrimitive(".."),
    new JsonPrimitive("a/../b"),
    new JsonPrimitive("x\r\ny\u0000"),
    new JsonPrimitive("%%%not base64"),
    new JsonPrimitive("1970-13-45T99:99:99Z"),
    new JsonPrimitive(true),
    new JsonArray(),
    new JsonObject(),
    new JsonPrimitive("x".repeat(5000))
  };

  static IntStream seeds() {
    return IntStream.range(0, 400);
  }

  @ParameterizedTest(name = "seed {0}")
  @MethodSource("seeds")
  void classifiersAnswerOrThrowBadEventOnly(int seed) {
    Random random = new Random(seed);
    JsonElement tree =
        StrictJson.parse(
            SAMPLES.get(seed % SAMPLES.size()).getBytes(StandardCharsets.UTF_8),
            JsonLimits.DEFAULT,
            "sample");
    int mutations = 1 + random.nextInt(3);
    for (int i = 0; i < mutations; i++) {
      mutate(tree, random);
    }
    String json = tree.toString();
    for (EventClassifier c : CLASSIFIERS) {
      try {
        assertThat(c.classify(DispatchProbe.raw(json))).isNotNull();
      } catch (BadEventException expected) {
        assertThat(expected.getMessage()).startsWith("aws ");
      } catch (RuntimeException e) {
        throw new AssertionError(
            c.getClass().getSimpleName() + " threw " + e + " for seed " + seed + ": " + json, e);
      }
    }
  }

  private static void mutate(JsonElement root, Random random) {
    List<JsonElement> containers = new ArrayList<>();
    collect(root, containers);
    JsonElement target = containers.get(random.nextInt(containers.size()));
    JsonElement replacement = REPLACEMENTS[random.nextInt(REPLACEMENTS.length)].deepCopy();
    if (target instanceof JsonObject o && !o.isEmpty()) {
      List<String> keys = new ArrayList<>(o.keySet());
      String key = keys.get(random.nextInt(keys.size()));
      if (random.nextInt(4) == 0) {
        o.remove(key);
      } else {
        o.add(key, replacement);
      }
    } else if (target instanceof JsonArray a && !a.isEmpty()) {
      int i = random.nextInt(a.size());
      if (random.nextInt(4) == 0) {
        a.remove(i);
      } else {
        a.set(i, replacement);
      }
    }
  }

  private static void collect(JsonElement e, List<JsonElement> out) {
    if (e.isJsonObject()) {
      out.add(e);
      e.getAsJsonObject().entrySet().forEach(en -> collect(en.getValue(), out));
    } else if (e.isJsonArray()) {
      out.add(e);
      e.getAsJsonArray().forEach(x -> collect(x, out));
    }
  }
}
