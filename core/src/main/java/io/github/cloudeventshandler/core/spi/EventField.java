package io.github.cloudeventshandler.core.spi;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import io.github.cloudeventshandler.core.BadEventException;
import io.github.cloudeventshandler.core.BadEventException.Problem;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One field of an event's JSON, reached by a path from the event's root, with what messages need to
 * name it: the provider, the source (the classifier's kind) and, once known, the event id. Every
 * read of event input goes through here, so a value of the wrong type or a missing value is always
 * a {@link BadEventException} in one style, never a Gson {@code UnsupportedOperationException},
 * {@code IllegalStateException} or {@code ClassCastException}:
 *
 * <pre>{@code
 * EventField record = EventField.root(json, "aws", "aws.sqs").get("Records").get(2);
 * String id = record.get("messageId").string();
 * record = record.withEventId(id);
 * String arn = record.get("eventSourceARN").string();
 * // aws aws.sqs event m1: field Records[2].eventSourceARN is missing (see docs/troubleshooting.md#missing-field)
 * // aws aws.elb event r1: field queryStringParameters.a must be a string but is an object (see docs/troubleshooting.md#invalid-field)
 * }</pre>
 *
 * <p>Three kinds of methods:
 *
 * <ul>
 *   <li><b>Navigation</b> ({@link #get(String)}, {@link #get(int)}, {@link #elements()}, {@link
 *       #members()}) never throws for a missing field: the child of an absent field is absent. A
 *       step through a value of the wrong type (a member of a string) is remembered and reported by
 *       the first read below it.
 *   <li><b>Probes</b> ({@link #isPresent()}, {@link #isString()}, {@link #is(String)}, ...) never
 *       throw; a classifier uses them to decide whether an event is its own.
 *   <li><b>Reads</b> ({@link #string()}, {@link #optString()}, {@link #integer()}, {@link #time()},
 *       ...) return a value or throw: {@link Problem#MISSING_FIELD} for a required field that is
 *       absent, {@code null} or empty; {@link Problem#INVALID_FIELD} for a value of the wrong type
 *       or form, anywhere on the path. Optional reads treat absent and {@code null} (and, for
 *       strings, empty) as "not there", but a wrong type is still an error.
 * </ul>
 *
 * <p>Message style: {@code <provider> <source> event[ <id>]: field <path> <what is wrong>}. The
 * path is written {@code a.b[2].c}, with {@code ["…"]} around member names that are not plain
 * identifiers. Control characters in messages are escaped and values are cut at 200 characters, so
 * a message is always one line.
 *
 * <p>Instances are immutable; navigation allocates a small object and builds the path text only
 * when a message needs it.
 */
public final class EventField {
  private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$-]*");
  private static final int QUOTE_LIMIT = 200;
  private static final Pattern ANCHOR =
      Pattern.compile(" \\(see docs/troubleshooting\\.md#[a-z-]+\\)");

  private final EventField parent;
  private final String name;
  private final int index;
  private final JsonElement value;
  private final EventField broken;
  private final String brokenWants;
  private final String provider;
  private final String source;
  private final String eventId;

  private EventField(
      EventField parent,
      String name,
      int index,
      JsonElement value,
      EventField broken,
      String brokenWants,
      String provider,
      String source,
      String eventId) {
    this.parent = parent;
    this.name = name;
    this.index = index;
    this.value = value;
    this.broken = broken;
    this.brokenWants = brokenWants;
    this.provider = provider;
    this.source = source;
    this.eventId = eventId;
  }

  /**
   * The root of an event.
   *
   * @param json the parsed event (may be null: an absent root)
   * @param provider e.g. {@code aws}
   * @param source the classifier's kind, e.g. {@code aws.sqs}
   */
  public static EventField root(JsonElement json, String provider, String source) {
    return root(json, provider, source, null);
  }

  /**
   * The root of a value that is not the whole event, e.g. JSON decoded from a field; its children's
   * paths start with {@code rootPath} ({@code awslogs.data.logEvents[0]}).
   *
   * @param rootPath how messages name this value; null or empty for the event itself
   */
  public static EventField root(JsonElement json, String provider, String source, String rootPath) {
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(source, "source");
    String n = rootPath == null || rootPath.isEmpty() ? null : rootPath;
    return new EventField(null, n, -1, json, null, null, provider, source, null);
  }

  /**
   * The same field, with messages naming the event id from now on (also in fields reached from it).
   * A null or empty id changes nothing.
   */
  public EventField withEventId(String id) {
    if (id == null || id.isEmpty() || id.equals(eventId)) {
      return this;
    }
    return new EventField(parent, name, index, value, broken, brokenWants, provider, source, id);
  }

  /** The provider, for messages. */
  public String provider() {
    return provider;
  }

  /** The source (the classifier's kind), for messages. */
  public String source() {
    return source;
  }

  /** The event id messages name, or null when not known yet. */
  public String eventId() {
    return eventId;
  }

  /** The path from the root, e.g. {@code Records[2].messageId}; empty for the root. */
  public String path() {
    if (parent == null) {
      return name == null ? "" : name;
    }
    String p = parent.path();
    if (name == null) {
      return p + "[" + index + "]";
    }
    if (!PLAIN_NAME.matcher(name).matches()) {
      return p + "[" + quoteName(name) + "]";
    }
    return p.isEmpty() ? name : p + "." + name;
  }

  // ---- navigation ----------------------------------------------------------------------------

  /** Member {@code name}; absent when this field is absent or has no such member. */
  public EventField get(String name) {
    Objects.requireNonNull(name, "name");
    if (broken != null) {
      return child(name, -1, null, broken, brokenWants);
    }
    if (value == null || value.isJsonNull()) {
      return child(name, -1, null, null, null);
    }
    if (!value.isJsonObject()) {
      return child(name, -1, null, this, "an object");
    }
    return child(name, -1, value.getAsJsonObject().get(name), null, null);
  }

  /** Element {@code i}; absent when this field is absent or the array is shorter. */
  public EventField get(int i) {
    if (broken != null) {
      return child(null, i, null, broken, brokenWants);
    }
    if (value == null || value.isJsonNull()) {
      return child(null, i, null, null, null);
    }
    if (!value.isJsonArray()) {
      return child(null, i, null, this, "an array");
    }
    JsonArray a = value.getAsJsonArray();
    return child(null, i, i >= 0 && i < a.size() ? a.get(i) : null, null, null);
  }

  /**
   * The elements of an array, in order; empty when absent or {@code null}.
   *
   * @throws BadEventException {@link Problem#INVALID_FIELD} when present but not an array
   */
  public List<EventField> elements() {
    checkPath();
    if (!isPresent()) {
      return List.of();
    }
    if (!value.isJsonArray()) {
      throw wrongType("an array");
    }
    JsonArray a = value.getAsJsonArray();
    List<EventField> out = new ArrayList<>(a.size());
    for (int i = 0; i < a.size(); i++) {
      out.add(child(null, i, a.get(i), null, null));
    }
    return out;
  }

  /**
   * The elements of a required, non-empty array.
   *
   * @throws BadEventException {@link Problem#MISSING_FIELD} when absent, {@code null} or empty;
   *     {@link Problem#INVALID_FIELD} when not an array
   */
  public List<EventField> requireElements() {
    List<EventField> out = elements();
    if (out.isEmpty()) {
      throw isPresent() ? missing("is an empty array") : missing();
    }
    return out;
  }

  /**
   * The members of an object, in order; empty when absent or {@code null}.
   *
   * @throws BadEventException {@link Problem#INVALID_FIELD} when present but not an object
   */
  public Map<String, EventField> members() {
    checkPath();
    if (!isPresent()) {
      return Map.of();
    }
    if (!value.isJsonObject()) {
      throw wrongType("an object");
    }
    Map<String, EventField> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonElement> e : value.getAsJsonObject().entrySet()) {
      out.put(e.getKey(), child(e.getKey(), -1, e.getValue(), null, null));
    }
    return Collections.unmodifiableMap(out);
  }

  // ---- probes (never throw) -------------------------------------------------------------------

  /** Present and not JSON {@code null} (and every step of the path had the right type). */
  public boolean isPresent() {
    return broken == null && value != null && !value.isJsonNull();
  }

  /** A JSON string. */
  public boolean isString() {
    return isPresent() && value.isJsonPrimitive() && value.getAsJsonPrimitive().isString();
  }

  /** A JSON string that is not empty. */
  public boolean isNonEmptyString() {
    return isString() && !value.getAsString().isEmpty();
  }

  /** A JSON number. */
  public boolean isNumber() {
    return isPresent() && value.isJsonPrimitive() && value.getAsJsonPrimitive().isNumber();
  }

  /** A JSON boolean. */
  public boolean isBoolean() {
    return isPresent() && value.isJsonPrimitive() && value.getAsJsonPrimitive().isBoolean();
  }

  /** A JSON object. */
  public boolean isObject() {
    return isPresent() && value.isJsonObject();
  }

  /** A JSON array. */
  public boolean isArray() {
    return isPresent() && value.isJsonArray();
  }

  /** A JSON string equal to {@code text}. */
  public boolean is(String text) {
    return isString() && value.getAsString().equals(text);
  }

  /** Whether this object has member {@code name}, whatever its value (even {@code null}). */
  public boolean has(String name) {
    return isObject() && value.getAsJsonObject().has(name);
  }

  /**
   * The value itself, to pass on unread (as a payload, or to copy): null when absent or {@code
   * null}. Reading fields of it goes through {@link #get(String)}, not through Gson.
   */
  public JsonElement json() {
    return isPresent() ? value : null;
  }

  /**
   * An object's value to pass on unread, or null when absent or {@code null}.
   *
   * @throws BadEventException {@link Problem#INVALID_FIELD} when present but not an object
   */
  public JsonObject jsonObject() {
    checkPath();
    if (!isPresent()) {
      return null;
    }
    if (!value.isJsonObject()) {
      throw wrongType("an object");
    }
    return value.getAsJsonObject();
  }

  /**
   * A required object's value, to pass on unread.
   *
   * @throws BadEventException {@link Problem#MISSING_FIELD} when absent or {@code null}; {@link
   *     Problem#INVALID_FIELD} when not an object
   */
  public JsonObject requireObject() {
    JsonObject o = jsonObject();
    if (o == null) {
      throw missing();
    }
    return o;
  }

  // ---- reads -----------------------------------------------------------------------------------

  /**
   * A required, non-empty string.
   *
   * @throws BadEventException {@link Problem#MISSING_FIELD} when absent, {@code null} or empty;
   *     {@link Problem#INVALID_FIELD} when not a string
   */
  public String string() {
    String s = optStringOrEmpty().orElseThrow(this::missing);
    if (s.isEmpty()) {
      throw missing("is empty");
    }
    return s;
  }

  /**
   * An optional string; absent, {@code null} and empty are all "not there".
   *
   * @throws BadEventException {@link Problem#INVALID_FIELD} when present but not a string
   */
  public Optional<String> optString() {
    return optStringOrEmpty().filter(s -> !s.isEmpty());
  }

  /**
   * An optional string that may be empty ({@code ""} is kept); absent and {@code null} are "not
   * there".
   *
   * @throws BadEventException {@link Problem#INVALID_FIELD} when present but not a string
   */
  public Optional<String> optStringOrEmpty() {
    checkPath();
    if (!isPresent()) {
      return Optional.empty();
    }
    if (!value.isJsonPrimitive() || !value.getAsJsonPrimitive().isString()) {
      throw wrongType("a string");
    }
    return Optional.of(value.getAsString());
  }

  /**
   * A required scalar as text: a non-empty string, or a number as its exact JSON text (for fields
   * some senders write either way).
   *
   * @throws BadEventException {@link Problem#MISSING_FIELD} when absent, {@code null} or empty;
   *     {@link Problem#INVALID_FIELD} for a boolean, object or array
   */
  public String text() {
    return optText().orElseThrow(() -> isPresent() ? missing("is empty") : missing());
  }

  /**
   * An optional scalar as text (a non-empty string, or a number's exact JSON text).
   *
   * @throws BadEventException {@link Problem#INVALID_FIELD} for a boolean, object or array
   */
  public Optional<String> optText() {
    checkPath();
    if (!isPresent()) {
      return Optional.empty();
    }
    if (!value.isJsonPrimitive() || value.getAsJsonPrimitive().isBoolean()) {
      throw wrongType("a string or a number");
    }
    String s = value.getAsString();
    return s.isEmpty() ? Optional.empty() : Optional.of(s);
  }

  /**
   * An optional boolean.
   *
   * @throws BadEventException {@link Problem#INVALID_FIELD} when present but not a boolean
   */
  public Optional<Boolean> optBoolean() {
    checkPath();
    if (!isPresent()) {
      return Optional.empty();
    }
    if (!isBoolean()) {
      throw wrongType("a boolean");
    }
    return Optional.of(value.getAsBoolean());
  }

  /**
   * A required integer in the range of a {@code long}: a JSON number without fraction, or a string
   * of decimal digits (some documented events write numbers as strings, e.g. a Kafka {@code
   * "partition": "0"}).
   *
   * @throws BadEventException {@link Problem#MISSING_FIELD} when absent or {@code null}; {@link
   *     Problem#INVALID_FIELD} otherwise when it is not such an integer
   */
  public long integer() {
    String text = optText().orElseThrow(() -> isPresent() ? missing("is empty") : missing());
    String unsigned = text.startsWith("-") ? text.substring(1) : text;
    if (unsigned.isEmpty() || unsigned.length() > 19 || !digits(unsigned)) {
      throw invalid("must be an integer but is " + quote(text));
    }
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw invalid("is out of the range of a 64-bit integer: " + quote(text));
    }
  }

  /**
   * A required string in standard base64 (RFC 4648 §4, padding optional); {@code ""} is zero bytes.
   *
   * @throws BadEventException {@link Problem#MISSING_FIELD} when absent or {@code null}; {@link
   *     Problem#INVALID_FIELD} when not a string or not base64
   */
  public byte[] base64() {
    String s = optStringOrEmpty().orElseThrow(this::missing);
    return decodeBase64(s);
  }

  /**
   * An optional base64 string; absent or {@code null} is empty.
   *
   * @throws BadEventException {@link Problem#INVALID_FIELD} when not a string or not base64
   */
  public Optional<byte[]> optBase64() {
    return optStringOrEmpty().map(this::decodeBase64);
  }

  private byte[] decodeBase64(String s) {
    try {
      return Base64.getDecoder().decode(s);
    } catch (IllegalArgumentException e) {
      throw new BadEventException(
          Problem.INVALID_FIELD, message("is not valid base64: " + e.getMessage()), e);
    }
  }

  /**
   * A required time stamp string: RFC 3339 / ISO-8601 with an offset ({@code
   * 2020-09-30T15:58:34.123Z}), or with the offset written without colon ({@code +0000}) as some
   * AWS services do.
   *
   * @throws BadEventException {@link Problem#MISSING_FIELD} when absent, {@code null} or empty;
   *     {@link Problem#INVALID_FIELD} when not such a time stamp
   */
  public OffsetDateTime time() {
    return FieldTimes.text(this, string());
  }

  /** An optional time stamp string, as {@link #time()}. */
  public Optional<OffsetDateTime> optTime() {
    return optString().map(s -> FieldTimes.text(this, s));
  }

  /**
   * An optional epoch time: a JSON number (integral, fractional or in exponent form) or a string of
   * digits, counting milliseconds or seconds since 1970 UTC; a string that is not a number is read
   * as {@link #time()}.
   *
   * @param millis whether numbers count milliseconds (else seconds)
   * @throws BadEventException {@link Problem#INVALID_FIELD} when not such a time
   */
  public Optional<OffsetDateTime> optEpochTime(boolean millis) {
    checkPath();
    if (!isPresent()) {
      return Optional.empty();
    }
    if (!value.isJsonPrimitive() || value.getAsJsonPrimitive().isBoolean()) {
      throw wrongType("a number or a time stamp string");
    }
    JsonPrimitive p = value.getAsJsonPrimitive();
    return Optional.of(FieldTimes.epoch(this, p.getAsString(), p.isNumber(), millis));
  }

  // ---- errors ----------------------------------------------------------------------------------

  /** A {@link Problem#MISSING_FIELD} error for this field: "field x is missing". */
  public BadEventException missing() {
    return missing("is missing");
  }

  /** A {@link Problem#MISSING_FIELD} error saying {@code what} ("is empty"). */
  public BadEventException missing(String what) {
    return new BadEventException(Problem.MISSING_FIELD, message(what));
  }

  /** A {@link Problem#INVALID_FIELD} error: "field x " + {@code why}. */
  public BadEventException invalid(String why) {
    return new BadEventException(Problem.INVALID_FIELD, message(why));
  }

  /** An error of any problem about this field, in the same style. */
  public BadEventException problem(Problem problem, String why, Throwable cause) {
    return new BadEventException(problem, message(why), cause);
  }

  /**
   * The message text for this field: {@code <provider> <source> event[ <id>]: field <path> <why>},
   * on one line. {@code why} may end with the message of a nested {@link BadEventException}; its
   * troubleshooting pointer is dropped, since the new exception adds its own.
   */
  public String message(String why) {
    String p = path();
    String reason = ANCHOR.matcher(why).replaceAll("");
    return oneLine(describe() + ": " + (p.isEmpty() ? "the event" : "field " + p) + " " + reason);
  }

  /** {@code <provider> <source> event[ <id>]}, for messages about the event as a whole. */
  public String describe() {
    StringBuilder sb = new StringBuilder(provider).append(' ').append(source).append(" event");
    if (eventId != null) {
      sb.append(' ').append(cut(eventId));
    }
    return oneLine(sb.toString());
  }

  /**
   * A value quoted for a message: in single quotes, control characters escaped, cut at 200
   * characters.
   */
  public static String quote(String value) {
    return "'" + printable(value) + "'";
  }

  /**
   * A value made fit for a message without quotes (a header name): control characters escaped, cut
   * at 200 characters. The one rule for event text in messages; {@link #quote} quotes it.
   */
  public static String printable(String value) {
    return oneLine(cut(value));
  }

  /**
   * The same error on one line: control characters in its message escaped. For errors of code that
   * builds messages from event values without escaping them.
   */
  public static BadEventException singleLine(BadEventException e) {
    String m = e.getMessage();
    if (oneLine(m).equals(m)) {
      return e;
    }
    return new BadEventException(e.problem(), oneLine(ANCHOR.matcher(m).replaceAll("")), e);
  }

  /** The text with control characters written as {@code \\uXXXX}. */
  static String oneLine(String s) {
    StringBuilder sb = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (AttributeValues.isControl(c) || c == '\u2028' || c == '\u2029') {
        if (sb == null) {
          sb = new StringBuilder(s.length() + 16).append(s, 0, i);
        }
        sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
      } else if (sb != null) {
        sb.append(c);
      }
    }
    return sb == null ? s : sb.toString();
  }

  private static String cut(String s) {
    return s.length() > QUOTE_LIMIT ? s.substring(0, QUOTE_LIMIT) + "…" : s;
  }

  private static String quoteName(String n) {
    return "\"" + cut(n).replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private BadEventException wrongType(String wanted) {
    return invalid("must be " + wanted + " but is " + StrictJson.kindOf(value));
  }

  /** Throws the type error of a step on the way here, if there was one. */
  private void checkPath() {
    if (broken != null) {
      EventField b = broken.withEventId(eventId);
      throw b.wrongType(brokenWants);
    }
  }

  private EventField child(
      String childName, int childIndex, JsonElement v, EventField brokenAt, String wants) {
    return new EventField(
        this, childName, childIndex, v, brokenAt, wants, provider, source, eventId);
  }

  static boolean digits(String text) {
    if (text.isEmpty()) {
      return false;
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }
}
