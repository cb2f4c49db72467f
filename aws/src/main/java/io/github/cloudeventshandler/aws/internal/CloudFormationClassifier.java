package io.github.cloudeventshandler.aws.internal;

import com.google.gson.JsonObject;
import io.cloudevents.CloudEvent;
import io.github.cloudeventshandler.aws.LambdaReply;
import io.github.cloudeventshandler.core.BadEventException;
import io.github.cloudeventshandler.core.BadEventException.Problem;
import io.github.cloudeventshandler.core.classifier.ClassifiedEvent;
import io.github.cloudeventshandler.core.classifier.Delivery;
import io.github.cloudeventshandler.core.classifier.EventClassifier;
import io.github.cloudeventshandler.core.classifier.EventRecord;
import io.github.cloudeventshandler.core.classifier.Payload;
import io.github.cloudeventshandler.core.classifier.RawEvent;
import io.github.cloudeventshandler.core.spi.AttributeValues;
import io.github.cloudeventshandler.core.spi.EventField;
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
    EventField o = EventFields.root(raw, KIND).orElse(null);
    if (o == null
        || !o.get("RequestType").isString()
        || !o.get("LogicalResourceId").isString()
        || !(o.has("StackId") || o.has("ResponseURL"))) {
      return Optional.empty();
    }
    String id = o.get("RequestId").string();
    o = o.withEventId(id);
    // every field the reply reads is read here, before the application runs, as the reply reads it
    CloudFormationReply.RequestFields.of(o);
    CloudEvent event =
        EventAttributes.of(
                id,
                o.get("StackId").string(),
                "com.amazonaws.cloudformation." + o.get("RequestType").string())
            .subject(o.get("LogicalResourceId").optString().orElse(null))
            .build();
    JsonObject props = o.get("ResourceProperties").jsonObject();
    Payload whole = raw.payload(Payload.JSON);
    Payload unwrapped = Payload.json(props == null ? "{}" : props.toString());
    return Optional.of(
        new ClassifiedEvent(
            raw.provider(),
            KIND,
            Delivery.ALL_OR_NOTHING,
            LambdaReply.CLOUDFORMATION,
            List.of(EventRecord.of(null, "/" + KIND, event, whole, unwrapped)),
            whole));
  }

  /**
   * The {@code ResponseURL} the reply is PUT to: an absolute http(s) URL, as received (a presigned
   * URL is a valid URI, so it is never re-encoded and its signature holds; characters no URI may
   * hold are percent-encoded as for every URI taken from an event).
   *
   * @throws BadEventException {@link Problem#MISSING_FIELD} or {@link Problem#INVALID_FIELD}
   */
  static URI responseUrl(EventField event) {
    EventField field = event.get("ResponseURL");
    String url = field.string();
    URI u = AttributeValues.uriReference(url);
    String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("https") || scheme.equals("http")) || u.getHost() == null) {
      throw field.invalid("must be an absolute http(s) URL: " + EventField.quote(url));
    }
    return u;
  }
}
