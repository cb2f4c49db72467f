package io.github.cloudeventshandler.idempotency;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

/**
 * What makes two deliveries "the same event" for {@link IdempotencyFilter}: the route the event was
 * delivered to, a scope and a value. By default the scope is the CloudEvent {@code source} and the
 * value its {@code id} (the CloudEvents spec makes {@code source} + {@code id} unique per event);
 * with {@link IdempotencyFilter.Builder#keyFromBodyField(String)} the scope is {@code body:<JSON
 * pointer>} and the value the field's text.
 *
 * <pre>{@code
 * IdempotencyKey k = new IdempotencyKey("/aws.s3", "aws:s3", "6A5F…");
 * k.hash();     // 64 hex digits: the store's primary key
 * k.describe(); // "/aws.s3 aws:s3 6A5F…": for logs and the store's event column
 * }</pre>
 *
 * @param route the request path the event was delivered to (the servlet's request URI)
 * @param scope the CloudEvent source, or {@code body:} + the JSON pointer
 * @param value the CloudEvent id, or the body field's value
 */
public record IdempotencyKey(String route, String scope, String value) {
  /** Validates. */
  public IdempotencyKey {
    Objects.requireNonNull(route, "route");
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(value, "value");
  }

  /**
   * SHA-256 of the three parts, each preceded by its length (so no two different keys share an
   * encoding), as 64 lower-case hex digits. Fixed length, whatever the size of source and id.
   */
  public String hash() {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
    for (String part : new String[] {route, scope, value}) {
      byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
      sha.update((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
      sha.update(bytes);
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  /** {@code route scope value}, for logs and for people reading the store. */
  public String describe() {
    return route + " " + scope + " " + value;
  }
}
