package io.github.cloudeventshandler.gcp.internal;

import com.google.gson.JsonElement;
import io.cloudevents.CloudEvent;
import io.github.cloudeventshandler.core.BadEventException;
import io.github.cloudeventshandler.core.classifier.ClassifiedEvent;
import io.github.cloudeventshandler.core.classifier.EventRecord;
import io.github.cloudeventshandler.core.classifier.RawEvent;
import io.github.cloudeventshandler.core.spi.EventField;
import io.github.cloudeventshandler.gcp.GcpReply;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;

/**
 * Which requests reaching {@code HttpEntryPoint} claim to come from Google, and so must prove it
 * (gcp/README-auth.md, "Requests that claim a Google origin"). A request claims a Google origin
 * when
 *
 * <ul>
 *   <li>it is a Pub/Sub push: a wrapped push body, or any {@code x-goog-pubsub-*} header;
 *   <li>it is a CloudEvent (binary, structured, or any member of a batch) whose {@code type} starts
 *       with {@code google.}, or whose {@code source} is a {@code googleapis.com} host (letter case
 *       ignored). (A publisher's source like {@code google.cloud.storage} is no claim: the route
 *       rule keeps it out of {@code /google.*}, under {@code /unverified/}.)
 *   <li>it would be delivered to a route in Google's namespace: a path (after {@code
 *       CEH_REQUEST_DEFAULTS} {@code pathPrefix}) whose first segment starts with {@code google.},
 *       whatever its shape (plain HTTP, a legacy background body, …), read as the servlet container
 *       would (percent-decoded, {@code ;parameters}, dot and empty segments dropped, case ignored).
 * </ul>
 *
 * Never throws: a body that cannot be read is judged by its headers and path only (classifying it
 * then gives the precise error, after authentication). Both checks are cheap; {@link
 * #claim(RawEvent, String)} runs before classification, {@link #claim(ClassifiedEvent, String)}
 * after it, so that whatever the classifiers made of a request, nothing lands in Google's namespace
 * unproven.
 */
public final class GoogleOrigin {
  private GoogleOrigin() {}

  /**
   * Why a request claims a Google origin.
   *
   * @param description for messages: {@code a Pub/Sub push}, {@code a CloudEvent of type '…'}, …
   * @param push whether it has the shape of a Pub/Sub push (which always carries a token)
   */
  public record Claim(String description, boolean push) {}

  private static Claim push(String description) {
    return new Claim(description, true);
  }

  private static Claim other(String description) {
    return new Claim(description, false);
  }

  /** What makes the request claim a Google origin, or null when it claims none. */
  public static Claim claim(RawEvent raw, String pathPrefix) {
    for (Map.Entry<String, String> f : raw.headers().fields()) {
      if (f.getKey().toLowerCase(Locale.ROOT).startsWith("x-goog-pubsub-")) {
        return push("a Pub/Sub push (header " + f.getKey() + ")");
      }
    }
    if (PubSubPushClassifier.isPush(raw)) {
      return push("a Pub/Sub push");
    }
    if (raw.headers().contains("ce-specversion")) {
      for (String type : raw.headers().all("ce-type")) {
        if (isGoogleType(decoded(type))) {
          return other("a CloudEvent of type " + EventField.quote(decoded(type)));
        }
      }
      for (String source : raw.headers().all("ce-source")) {
        if (isGoogleSource(decoded(source))) {
          return other("a CloudEvent from " + EventField.quote(decoded(source)));
        }
      }
    }
    if ((CloudEventReader.isCloudEvent(raw) || CloudEventReader.isBatch(raw))
        && raw.looksLikeJson()
        && raw.bodyLength() <= raw.limits().maxBytes()) {
      String c = claim(json(raw));
      if (c != null) {
        return other(c);
      }
    }
    return raw.path()
        .filter(p -> isGooglePath(p, pathPrefix))
        .map(p -> other(onPath(p)))
        .orElse(null);
  }

  /** As {@link #claim(RawEvent, String)}, for what the classifiers made of the request. */
  public static Claim claim(ClassifiedEvent event, String pathPrefix) {
    if (event.reply() == GcpReply.PUSH) {
      return push("a Pub/Sub push");
    }
    for (EventRecord r : event.records()) {
      CloudEvent ce = r.cloudEvent();
      if (ce != null && isGoogleType(ce.getType())) {
        return other("a CloudEvent of type " + EventField.quote(ce.getType()));
      }
      if (ce != null && isGoogleSource(ce.getSource().toString())) {
        return other("a CloudEvent from " + EventField.quote(ce.getSource().toString()));
      }
      if (isGooglePath(r.route(), r.httpRequest() != null ? pathPrefix : "")) {
        return other(onPath(r.route()));
      }
    }
    return null;
  }

  /** Whether a CloudEvent type is in Google's namespace ({@code google.}, any letter case). */
  static boolean isGoogleType(String type) {
    return type != null && type.strip().toLowerCase(Locale.ROOT).startsWith("google.");
  }

  /**
   * Whether a CloudEvent source names Google: a {@code googleapis.com} host ({@code
   * //storage.googleapis.com/…}, {@code https://pubsub.googleapis.com/…}), the sources Google's
   * services give their events.
   */
  static boolean isGoogleSource(String source) {
    if (source == null) {
      return false;
    }
    String s = source.strip().toLowerCase(Locale.ROOT);
    int scheme = s.indexOf("://");
    if (scheme >= 0 && s.substring(0, scheme).matches("[a-z][a-z0-9+.-]*")) {
      s = s.substring(scheme + 3);
    }
    while (s.startsWith("/")) {
      s = s.substring(1);
    }
    int end = 0;
    while (end < s.length() && "/?#".indexOf(s.charAt(end)) < 0) {
      end++;
    }
    String host = s.substring(s.lastIndexOf('@', end - 1) + 1, end);
    int port = host.lastIndexOf(':');
    if (port >= 0 && host.indexOf(']') < port) {
      host = host.substring(0, port);
    }
    while (host.endsWith(".")) {
      host = host.substring(0, host.length() - 1);
    }
    return host.equals("googleapis.com") || host.endsWith(".googleapis.com");
  }

  /**
   * Whether a request path, read as the servlet container reads it, starts (after {@code prefix})
   * with a segment in Google's namespace.
   */
  static boolean isGooglePath(String path, String prefix) {
    Deque<String> segments = new ArrayDeque<>();
    for (String raw : path.split("/", -1)) {
      int semi = raw.indexOf(';');
      String s = percentDecoded(semi >= 0 ? raw.substring(0, semi) : raw);
      if (s.isEmpty() || s.equals(".")) {
        continue;
      }
      if (s.equals("..")) {
        segments.pollLast();
        continue;
      }
      segments.addLast(s);
    }
    for (String p : prefix.split("/")) {
      if (p.isEmpty()) {
        continue;
      }
      if (segments.isEmpty() || !segments.peekFirst().equals(p)) {
        return false;
      }
      segments.pollFirst();
    }
    return !segments.isEmpty() && isGoogleType(segments.peekFirst());
  }

  private static String claim(JsonElement json) {
    if (json == null) {
      return null;
    }
    EventField root = EventField.root(json, RawEvent.GCP, "google.origin");
    if (root.isArray()) {
      for (EventField e : root.elements()) {
        String c = claim(e.json());
        if (c != null) {
          return c + " in a batch";
        }
      }
      return null;
    }
    if (!root.isObject()) {
      return null;
    }
    for (Map.Entry<String, EventField> m : root.members().entrySet()) {
      String name = m.getKey().toLowerCase(Locale.ROOT);
      if (!m.getValue().isString()) {
        continue;
      }
      String v = m.getValue().optStringOrEmpty().orElse("");
      if (name.equals("type") && isGoogleType(v)) {
        return "a CloudEvent of type " + EventField.quote(v);
      }
      if (name.equals("source") && isGoogleSource(v)) {
        return "a CloudEvent from " + EventField.quote(v);
      }
    }
    return null;
  }

  private static JsonElement json(RawEvent raw) {
    try {
      return raw.json();
    } catch (BadEventException e) {
      return null;
    }
  }

  private static String onPath(String path) {
    return "a request to " + EventField.quote(path) + " (a route in Google's namespace)";
  }

  /** The header value percent-decoded once; undecodable bytes are kept as they are. */
  private static String decoded(String value) {
    return percentDecoded(value);
  }

  private static String percentDecoded(String s) {
    if (s.indexOf('%') < 0) {
      return s;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
    byte[] in = s.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < in.length; i++) {
      int hi = in[i] == '%' && i + 2 < in.length ? Character.digit(in[i + 1], 16) : -1;
      int lo = hi >= 0 ? Character.digit(in[i + 2], 16) : -1;
      if (hi >= 0 && lo >= 0) {
        out.write(hi << 4 | lo);
        i += 2;
      } else {
        out.write(in[i]);
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}
