package io.github.cloudeventshandler.aws.internal;

import com.google.gson.JsonObject;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.github.cloudeventshandler.aws.LambdaReply;
import io.github.cloudeventshandler.core.ClassifiedEvent;
import io.github.cloudeventshandler.core.Delivery;
import io.github.cloudeventshandler.core.EventClassifier;
import io.github.cloudeventshandler.core.EventRecord;
import io.github.cloudeventshandler.core.Payload;
import io.github.cloudeventshandler.core.RawEvent;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * CloudFormation custom resource requests: {@code RequestType} + {@code LogicalResourceId} + {@code
 * StackId}. {@code ResponseURL} (http or https), {@code RequestId} and {@code StackId} are
 * required; the reply is exactly one PUT to {@code ResponseURL}. CloudEvent: {@code id} = {@code
 * RequestId}, {@code source} = {@code StackId}, {@code type} = {@code
 * com.amazonaws.cloudformation.<RequestType>} ({@code Create}, {@code Update}, {@code Delete}),
 * {@code subject} = {@code LogicalResourceId}. Unwrapped payload: {@code ResourceProperties}.
 */
public final class CloudFormationClassifier implements EventClassifier {
  static final String KIND = "aws.cloudformation";

  @Override
  public Optional<ClassifiedEvent> classify(RawEvent raw) {
    if (!RawEvent.AWS.equals(raw.provider())
        || !raw.looksLikeJson()
        || !raw.json().isJsonObject()) {
      return Optional.empty();
    }
    JsonObject o = raw.json().getAsJsonObject();
    if (EventFields.string(o, "RequestType") == null
        || EventFields.string(o, "LogicalResourceId") == null
        || !(o.has("StackId") || o.has("ResponseURL"))) {
      return Optional.empty();
    }
    String id = EventFields.require(EventFields.string(o, "RequestId"), KIND, "RequestId", null);
    String url = EventFields.require(EventFields.string(o, "ResponseURL"), KIND, "ResponseURL", id);
    URI u = EventFields.uri(url, KIND, "ResponseURL", id);
    String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("https") || scheme.equals("http")) || u.getHost() == null) {
      throw EventFields.invalidAt(
          KIND, "ResponseURL", id, "must be an absolute http(s) URL: '" + url + "'");
    }
    String stack = EventFields.require(EventFields.string(o, "StackId"), KIND, "StackId", id);
    String type = EventFields.string(o, "RequestType");
    CloudEventBuilder ce =
        CloudEventBuilder.v1()
            .withId(id)
            .withSource(EventFields.uri(stack, KIND, "StackId", id))
            .withType("com.amazonaws.cloudformation." + type)
            .withSubject(EventFields.string(o, "LogicalResourceId"))
            .withDataContentType(Payload.JSON);
    JsonObject props = EventFields.object(o, "ResourceProperties");
    Payload whole = raw.payload(Payload.JSON);
    Payload unwrapped = Payload.json(props == null ? "{}" : props.toString());
    return Optional.of(
        new ClassifiedEvent(
            raw.provider(),
            KIND,
            Delivery.ALL_OR_NOTHING,
            LambdaReply.CLOUDFORMATION,
            List.of(EventRecord.of(null, "/" + KIND, ce.build(), whole, unwrapped)),
            whole));
  }
}
