package io.github.cloudeventshandler.azure.internal;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.github.cloudeventshandler.core.BadEventException.Problem;
import io.github.cloudeventshandler.core.classifier.EventRecord;
import io.github.cloudeventshandler.core.classifier.Payload;
import io.github.cloudeventshandler.core.spi.AttributeNames;
import io.github.cloudeventshandler.core.spi.AttributeValues;
import io.github.cloudeventshandler.core.spi.EventField;
import io.github.cloudeventshandler.core.spi.StrictJson;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * One event in the CloudEvents 1.0 JSON format as Event Grid delivers it (CloudEvents-schema
 * subscriptions). Read per the JSON format: {@code data} and {@code data_base64} are exclusive,
 * JSON data stays JSON (a JSON string is not parsed again), other members are extensions whose
 * names must be lower-case letters and digits; a defined attribute written in another case ({@code
 * specVersion}, as some Microsoft examples do) or under another schema's name ({@code eventType})
 * is reported as misspelled. An empty {@code subject} is left out. Both payload modes send the
 * event's data in CloudEvents binary mode: the event itself travels in the {@code ce-*} headers, so
 * nothing is lost.
 */
final class CloudEventSchemaEvent {
  private CloudEventSchemaEvent() {}

  /** Whether an event is in the CloudEvents schema: it has {@code specversion}, in any case. */
  static boolean looksLike(EventField o) {
    if (o.has("specversion")) {
      return true;
    }
    for (String name : o.members().keySet()) {
      if (name.equalsIgnoreCase("specversion")) {
        return true;
      }
    }
    return false;
  }

  static EventRecord record(EventField o) {
    o = o.withEventId(o.get("id").isString() ? o.get("id").optString().orElse(null) : null);
    Map<String, EventField> members = o.members();
    for (Map.Entry<String, EventField> m : members.entrySet()) {
      String name = m.getKey();
      if (AttributeNames.CONTEXT.contains(name)
          || AttributeNames.DATA.contains(name)
          || AttributeNames.isExtensionName(name)) {
        continue;
      }
      String hint = AttributeNames.misspelling(name).orElse(null);
      throw m.getValue()
          .invalid(
              hint != null
                  ? "is misspelled: " + hint
                  : "is not a valid extension attribute name: CloudEvents attribute names are"
                      + " lower-case letters a-z and digits 0-9 only");
    }
    String id = o.get("id").string();
    String spec = o.get("specversion").string();
    if (!spec.equals("1.0")) {
      throw o.get("specversion").invalid("is " + EventField.quote(spec) + "; only 1.0 is accepted");
    }
    String type = o.get("type").string();
    String source = o.get("source").string();
    CloudEventBuilder ce =
        CloudEventBuilder.v1()
            .withId(AttributeValues.string(id))
            .withSource(AttributeValues.uriReference(source))
            .withType(AttributeValues.string(type));
    o.get("subject").optString().map(AttributeValues::string).ifPresent(ce::withSubject);
    o.get("time").optTime().ifPresent(ce::withTime);
    o.get("dataschema")
        .optString()
        .map(AttributeValues::uriReference)
        .ifPresent(ce::withDataSchema);
    String declared = o.get("datacontenttype").optString().orElse(null);
    for (Map.Entry<String, EventField> m : members.entrySet()) {
      String name = m.getKey();
      EventField v = m.getValue();
      if (AttributeNames.CONTEXT.contains(name)
          || AttributeNames.DATA.contains(name)
          || !v.isPresent()) {
        continue;
      }
      if (v.isBoolean()) {
        ce.withExtension(name, v.optBoolean().orElseThrow());
      } else if (v.isString()) {
        ce.withExtension(name, AttributeValues.string(v.optStringOrEmpty().orElse("")));
      } else if (v.isNumber()) {
        ce.withExtension(name, v.text());
      } else {
        throw v.invalid(
            "is "
                + StrictJson.kindOf(v.json())
                + "; extension values are strings, numbers or booleans");
      }
    }
    EventField data = o.get("data");
    EventField base64 = o.get("data_base64");
    String contentType;
    byte[] bytes;
    if (data.isPresent() && base64.isPresent()) {
      throw o.problem(
          Problem.INCONSISTENT,
          "has both 'data' and 'data_base64'; the JSON format allows one",
          null);
    } else if (base64.isPresent()) {
      bytes = base64.base64();
      contentType = declared != null ? declared : "application/octet-stream";
    } else if (data.isPresent()) {
      contentType = declared != null ? declared : Payload.JSON;
      if (isJson(contentType)) {
        bytes = data.json().toString().getBytes(StandardCharsets.UTF_8);
      } else if (data.isString()) {
        bytes = data.optStringOrEmpty().orElse("").getBytes(StandardCharsets.UTF_8);
      } else {
        throw data.invalid(
            "must be a string for datacontenttype "
                + EventField.quote(contentType)
                + " but is "
                + StrictJson.kindOf(data.json()));
      }
    } else {
      contentType = declared != null ? declared : Payload.JSON;
      bytes = new byte[0];
    }
    if (declared != null || data.isPresent() || base64.isPresent()) {
      ce.withDataContentType(contentType);
    }
    if (data.isPresent() || base64.isPresent()) {
      ce.withData(bytes);
    }
    CloudEvent event = ce.build();
    Payload payload = new Payload(contentType, bytes);
    return EventRecord.of(
        id, EventGridRoutes.route(type, event.getSource().toString()), event, payload, payload);
  }

  static boolean isJson(String contentType) {
    String base = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    return base.equals("application/json") || base.endsWith("/json") || base.endsWith("+json");
  }
}
