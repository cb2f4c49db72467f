package io.github.cloudeventshandler.aws.internal;

import com.google.gson.JsonObject;
import io.github.cloudeventshandler.core.AppResponse;
import io.github.cloudeventshandler.core.spi.DispatchResult;
import io.github.cloudeventshandler.core.spi.RecordOutcome;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** What the reply shapes share: text-or-base64 bodies, headers to drop, failure summaries. */
final class ResponseBodies {
  private ResponseBodies() {}

  /** Response fields that describe the bridge's framing, not the application's answer. */
  static final Set<String> FRAMING = Set.of("content-length", "transfer-encoding", "connection");

  static boolean framing(String name) {
    return FRAMING.contains(name.toLowerCase(Locale.ROOT));
  }

  /**
   * Sets {@code body} and {@code isBase64Encoded}: text for textual media types (and for bytes that
   * are valid UTF-8 when there is no {@code Content-Type}), base64 otherwise.
   */
  static void put(JsonObject out, AppResponse r) {
    byte[] body = r.body();
    String ct = r.contentType().orElse(null);
    boolean text = ct == null ? isUtf8(body) : isTextType(ct) && isUtf8(body);
    out.addProperty("body", text ? new String(body, StandardCharsets.UTF_8) : base64(body));
    out.addProperty("isBase64Encoded", !text);
  }

  static String base64(byte[] b) {
    return Base64.getEncoder().encodeToString(b);
  }

  static boolean isTextType(String contentType) {
    String t = contentType.toLowerCase(Locale.ROOT);
    int semi = t.indexOf(';');
    if (semi >= 0) {
      t = t.substring(0, semi);
    }
    t = t.trim();
    return t.startsWith("text/")
        || t.endsWith("+json")
        || t.endsWith("+xml")
        || t.equals("application/json")
        || t.equals("application/xml")
        || t.equals("application/javascript")
        || t.equals("application/x-www-form-urlencoded")
        || t.equals("application/yaml")
        || t.equals("application/x-yaml")
        || t.equals("image/svg+xml");
  }

  static boolean isUtf8(byte[] b) {
    try {
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(b));
      return true;
    } catch (CharacterCodingException e) {
      return false;
    }
  }

  /**
   * {@code "aws.sqs: 2 of 5 records not handled: record a: HTTP 500 from POST /aws.sqs…; record b:
   * not sent…"}.
   */
  static String failures(DispatchResult result) {
    List<RecordOutcome> bad = result.unhandled();
    StringBuilder sb =
        new StringBuilder(result.event().kind())
            .append(": ")
            .append(bad.size())
            .append(" of ")
            .append(result.outcomes().size())
            .append(result.outcomes().size() == 1 ? " record" : " records")
            .append(" not handled");
    int shown = 0;
    for (RecordOutcome o : bad) {
      if (shown++ == 10) {
        sb.append("; …");
        break;
      }
      sb.append(shown == 1 ? ": " : "; ").append(reason(o));
    }
    return sb.toString();
  }

  static String reason(RecordOutcome o) {
    if (o instanceof RecordOutcome.Failed f) {
      return f.reason();
    } else if (o instanceof RecordOutcome.Skipped s) {
      return "record " + s.record().displayId() + " " + s.reason();
    }
    return "record " + o.record().displayId() + " handled";
  }

  /** The standard reason phrase of a status, for ALB's {@code statusDescription}. */
  static String reasonPhrase(int status) {
    return switch (status) {
      case 100 -> "Continue";
      case 200 -> "OK";
      case 201 -> "Created";
      case 202 -> "Accepted";
      case 204 -> "No Content";
      case 206 -> "Partial Content";
      case 301 -> "Moved Permanently";
      case 302 -> "Found";
      case 303 -> "See Other";
      case 304 -> "Not Modified";
      case 307 -> "Temporary Redirect";
      case 308 -> "Permanent Redirect";
      case 400 -> "Bad Request";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 405 -> "Method Not Allowed";
      case 406 -> "Not Acceptable";
      case 409 -> "Conflict";
      case 410 -> "Gone";
      case 412 -> "Precondition Failed";
      case 413 -> "Payload Too Large";
      case 415 -> "Unsupported Media Type";
      case 422 -> "Unprocessable Content";
      case 429 -> "Too Many Requests";
      case 500 -> "Internal Server Error";
      case 501 -> "Not Implemented";
      case 502 -> "Bad Gateway";
      case 503 -> "Service Unavailable";
      case 504 -> "Gateway Timeout";
      default -> "";
    };
  }
}
