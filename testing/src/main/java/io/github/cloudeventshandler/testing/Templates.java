package io.github.cloudeventshandler.testing;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.cloudeventshandler.conformance.ConformanceCorpus;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The recorded events the builders start from (the conformance corpus, read once), JSON output as
 * the clouds write it (no HTML escaping), and the fresh ids and times a new event gets.
 */
final class Templates {
  static final Gson GSON = new GsonBuilder().disableHtmlEscaping().serializeNulls().create();

  private static final Map<String, JsonElement> CACHE = new ConcurrentHashMap<>();
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final AtomicLong SEQUENCE = new AtomicLong(System.currentTimeMillis() * 1000);

  private Templates() {}

  /** A copy of the recorded input of corpus case {@code id}. */
  static JsonElement input(String id) {
    return CACHE
        .computeIfAbsent(id, k -> JsonParser.parseString(ConformanceCorpus.get(k).inputText()))
        .deepCopy();
  }

  static JsonObject object(String id) {
    return input(id).getAsJsonObject();
  }

  /** A copy of {@code Records[0]} of corpus case {@code id}. */
  static JsonObject firstRecord(String id) {
    return object(id).getAsJsonArray("Records").get(0).getAsJsonObject();
  }

  /** {@code {"Records":[…]}}. */
  static JsonObject records(List<JsonObject> records) {
    JsonArray a = new JsonArray();
    records.forEach(a::add);
    JsonObject o = new JsonObject();
    o.add("Records", a);
    return o;
  }

  static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  static String base64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }

  /** Lower-case hex of a digest of the UTF-8 text ({@code MD5}, {@code SHA-256}). */
  static String digest(String algorithm, String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance(algorithm).digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JVM has no " + algorithm, e);
    }
  }

  static byte[] bytes(JsonElement json) {
    return GSON.toJson(json).getBytes(StandardCharsets.UTF_8);
  }

  static String uuid() {
    return UUID.randomUUID().toString();
  }

  /** {@code n} random bytes as upper-case hex. */
  static String hex(int n) {
    byte[] b = new byte[n];
    RANDOM.nextBytes(b);
    return HexFormat.of().withUpperCase().formatHex(b);
  }

  /** A number larger than every one handed out before in this JVM (stream sequence numbers). */
  static long nextSequence() {
    return SEQUENCE.incrementAndGet();
  }

  /** Now, to the millisecond (the precision the clouds write). */
  static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MILLIS);
  }

  /**
   * {@code 2018-01-25T22:12:19.4556811Z}: the fraction without trailing zeros, as Event Grid writes
   * times.
   */
  static String trimmed(Instant t) {
    String s = t.toString();
    int dot = s.indexOf('.');
    if (dot < 0) {
      return s;
    }
    int end = s.length() - 1; // the Z
    int last = end - 1;
    while (last > dot && s.charAt(last) == '0') {
      last--;
    }
    return last == dot ? s.substring(0, dot) + "Z" : s.substring(0, last + 1) + "Z";
  }

  /** {@code 2026-11-22T10:00:00.123Z}: always three fraction digits, as S3 and SNS write. */
  static String millis(Instant t) {
    String s = t.truncatedTo(ChronoUnit.MILLIS).toString();
    if (!s.contains(".")) {
      s = s.substring(0, s.length() - 1) + ".000Z";
    }
    return s;
  }
}
