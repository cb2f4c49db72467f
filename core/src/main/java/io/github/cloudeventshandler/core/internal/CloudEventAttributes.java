package io.github.cloudeventshandler.core.internal;

import static io.github.cloudeventshandler.core.spi.EventField.quote;

import io.cloudevents.core.v1.CloudEventBuilder;
import io.github.cloudeventshandler.core.BadEventException;
import io.github.cloudeventshandler.core.BadEventException.Problem;
import io.github.cloudeventshandler.core.spi.AttributeNames;
import io.github.cloudeventshandler.core.spi.AttributeValues;
import io.github.cloudeventshandler.core.spi.SendableRequests;
import io.github.cloudeventshandler.core.spi.Timestamps;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The CloudEvents v1.0 attribute rules shared by the structured and the binary reader: which
 * attributes exist, what values they accept, and the error each violation gets. Every message
 * starts with a description of the event ("aws CloudEvent id 'x' from source 'y'") so it names the
 * provider, the event and the field.
 */
public final class CloudEventAttributes {
  /** The only spec version accepted (see core/README.md for why 0.3 is not). */
  static final String SPEC_VERSION = "1.0";

  /** Context attributes defined by the spec; everything else is an extension. */
  static final Set<String> DEFINED = AttributeNames.CONTEXT;

  /** RFC 3339 {@code date-time}: seconds required, {@code T} and {@code Z} in either case. */
  private static final Pattern RFC_3339 =
      Pattern.compile(
          "\\d{4}-\\d{2}-\\d{2}[Tt]\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?([Zz]|[+-]\\d{2}:\\d{2})");

  private static final Pattern MEDIA_TYPE =
      Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+/[!#$%&'*+.^_`|~0-9A-Za-z-]+(\\s*;.*)?");

  private CloudEventAttributes() {}

  /** Checks {@code specversion}. */
  static void checkSpecVersion(String what, String value) {
    if (!SPEC_VERSION.equals(value)) {
      throw new BadEventException(
          Problem.INVALID_FIELD,
          what
              + ": specversion "
              + quote(value)
              + " is not supported; only CloudEvents 1.0 is accepted"
              + (value.equals("0.3") ? " (convert 0.3 events to 1.0 at the sender)" : ""));
    }
  }

  /** Sets {@code id}, {@code source} and {@code type}; each must be present and non-empty. */
  static void setRequired(
      CloudEventBuilder builder, String what, String id, String source, String type) {
    builder.withId(checkString(what, "id", id));
    builder.withSource(uri(what, "source", checkString(what, "source", source)));
    builder.withType(checkString(what, "type", type));
  }

  /** Sets {@code time}, which must be an RFC 3339 timestamp. */
  static void setTime(CloudEventBuilder builder, String what, String value) {
    checkString(what, "time", value);
    if (!RFC_3339.matcher(value).matches()) {
      throw invalidTime(what, value, null);
    }
    try {
      builder.withTime(Timestamps.parse(value.toUpperCase(Locale.ROOT)));
    } catch (DateTimeParseException e) {
      throw invalidTime(what, value, e);
    }
  }

  private static BadEventException invalidTime(String what, String value, Exception cause) {
    return new BadEventException(
        Problem.INVALID_FIELD,
        what
            + ": time "
            + quote(value)
            + " is not an RFC 3339 timestamp (like 2018-04-05T17:31:00Z)",
        cause);
  }

  /** Sets {@code dataschema}, a non-empty URI. */
  static void setDataSchema(CloudEventBuilder builder, String what, String value) {
    builder.withDataSchema(uri(what, "dataschema", checkString(what, "dataschema", value)));
  }

  /** Sets {@code subject}; an empty subject is treated as absent (Azure sends {@code ""}). */
  static void setSubject(CloudEventBuilder builder, String what, String value) {
    if (!value.isEmpty()) {
      builder.withSubject(checkString(what, "subject", value));
    }
  }

  /**
   * Checks a content type that will become the request's {@code Content-Type} header.
   *
   * @throws BadEventException {@link Problem#UNSAFE_HEADER} for control characters, {@link
   *     Problem#INVALID_FIELD} when it is not a media type
   */
  static String checkContentType(String what, String field, String value) {
    SendableRequests.checkContentType(value, what);
    String type = SendableRequests.trimmed(value);
    if (!MEDIA_TYPE.matcher(type).matches()) {
      throw new BadEventException(
          Problem.INVALID_FIELD,
          what + ": " + field + " " + quote(value) + " is not a media type like application/json");
    }
    return type;
  }

  /**
   * Checks an extension name and says what is wrong with it: a defined attribute written in another
   * case ({@code specVersion}) or another schema's name ({@code eventType}) is named as such.
   */
  static void checkExtensionName(String what, String name) {
    if (AttributeNames.isExtensionName(name)) {
      return;
    }
    String hint = AttributeNames.misspelling(name).orElse(null);
    if (hint != null) {
      throw new BadEventException(
          Problem.INVALID_FIELD, what + ": attribute " + quote(name) + " is misspelled: " + hint);
    }
    throw new BadEventException(
        Problem.INVALID_FIELD,
        what
            + ": extension attribute name "
            + quote(name)
            + " is invalid: CloudEvents attribute names are lower-case letters a-z and digits"
            + " 0-9 only");
  }

  /**
   * Checks a required or optional String attribute: non-empty and free of what the CloudEvents type
   * system forbids in a String: control characters (U+0000-U+001F, U+007F-U+009F) and surrogate
   * code points that are not a pair (a JSON escape such as <code>&#92;ud800</code> alone).
   */
  static String checkString(String what, String field, String value) {
    if (value == null || value.isEmpty()) {
      throw missing(what, field);
    }
    int bad = controlCharacter(value);
    if (bad >= 0) {
      throw new BadEventException(
          Problem.INVALID_FIELD,
          what
              + ": attribute '"
              + field
              + "' contains control character U+"
              + String.format(Locale.ROOT, "%04X", bad));
    }
    int lone = loneSurrogate(value);
    if (lone >= 0) {
      throw new BadEventException(
          Problem.INVALID_FIELD,
          what
              + ": attribute '"
              + field
              + "' contains U+"
              + String.format(Locale.ROOT, "%04X", (int) value.charAt(lone))
              + " at index "
              + lone
              + ", half of a surrogate pair without the other half (not a Unicode character)");
    }
    return value;
  }

  /** The index of the first surrogate that is not part of a pair, or -1. */
  public static int loneSurrogate(String s) {
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i); // a pair is one code point; a lone half is a SURROGATE one
      if (Character.getType(cp) == Character.SURROGATE) {
        return i;
      }
      i += Character.charCount(cp);
    }
    return -1;
  }

  /** The first control character (U+0000-U+001F, U+007F-U+009F) in a string, or -1. */
  public static int controlCharacter(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (AttributeValues.isControl(c)) {
        return c;
      }
    }
    return -1;
  }

  /** A {@link Problem#MISSING_FIELD} naming the attribute. */
  static BadEventException missing(String what, String field) {
    return new BadEventException(
        Problem.MISSING_FIELD, what + ": required attribute '" + field + "' is missing or empty");
  }

  private static URI uri(String what, String field, String value) {
    try {
      return new URI(value);
    } catch (URISyntaxException e) {
      throw new BadEventException(
          Problem.INVALID_FIELD,
          what + ": " + field + " " + quote(value) + " is not a URI reference: " + e.getReason(),
          e);
    }
  }

  /** Describes an event for messages: provider, mode, and id and source when known. */
  static String describe(String provider, String mode, String id, String source) {
    StringBuilder sb = new StringBuilder(provider).append(' ').append(mode).append(" CloudEvent");
    if (id != null && !id.isEmpty()) {
      sb.append(" id ").append(quote(id));
    }
    if (source != null && !source.isEmpty()) {
      sb.append(" from source ").append(quote(source));
    }
    return sb.toString();
  }
}
