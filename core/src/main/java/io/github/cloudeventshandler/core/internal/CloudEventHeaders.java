package io.github.cloudeventshandler.core.internal;

import io.cloudevents.CloudEvent;
import io.github.cloudeventshandler.core.Headers;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Base64;

/**
 * Writes a CloudEvent's context attributes as HTTP binary-mode {@code ce-*} headers, with values
 * percent-encoded as the CloudEvents HTTP binding requires (space, {@code "}, {@code %} and
 * everything outside printable ASCII, as UTF-8 bytes). CR and LF therefore never reach a header.
 * Not part of the public API.
 */
public final class CloudEventHeaders {
  private CloudEventHeaders() {}

  /** Appends {@code ce-*} fields for every attribute except {@code datacontenttype}. */
  public static void write(CloudEvent event, Headers.Builder out) {
    out.add("ce-specversion", event.getSpecVersion().toString());
    out.add("ce-id", encode(event.getId()));
    out.add("ce-source", encode(event.getSource().toString()));
    out.add("ce-type", encode(event.getType()));
    if (event.getTime() != null) {
      out.add("ce-time", Timestamps.format(event.getTime()));
    }
    if (event.getSubject() != null) {
      out.add("ce-subject", encode(event.getSubject()));
    }
    if (event.getDataSchema() != null) {
      out.add("ce-dataschema", encode(event.getDataSchema().toString()));
    }
    for (String name : event.getExtensionNames()) {
      Object v = event.getExtension(name);
      if (v != null) {
        out.add("ce-" + name, encode(format(v)));
      }
    }
  }

  /** The canonical string form of an attribute value of any CloudEvents type. */
  public static String format(Object v) {
    if (v instanceof OffsetDateTime t) {
      return Timestamps.format(t);
    } else if (v instanceof byte[] b) {
      return Base64.getEncoder().encodeToString(b);
    } else if (v instanceof URI u) {
      return u.toString();
    }
    return String.valueOf(v);
  }

  /** Percent-encodes a header value per the CloudEvents HTTP binding §3.1.3.2. */
  public static String encode(String value) {
    boolean plain = true;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c <= 0x20 || c >= 0x7F || c == '"' || c == '%') {
        plain = false;
        break;
      }
    }
    if (plain) {
      return value;
    }
    StringBuilder sb = new StringBuilder(value.length() + 16);
    for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xFF;
      if (c <= 0x20 || c >= 0x7F || c == '"' || c == '%') {
        sb.append('%')
            .append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
      } else {
        sb.append((char) c);
      }
    }
    return sb.toString();
  }
}
