package io.github.cloudeventshandler.aws.internal;

import java.net.URI;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;

/**
 * What SNS HTTP(S) deliveries are checked against: which hosts may serve the signing certificate
 * and the subscription confirmation, the names the signing certificate may carry, how the
 * certificate is fetched, the replay window and the clock. Not part of the public API.
 *
 * <p>{@link #aws()} is the only trust production code can get: URLs must be {@code https} on
 * exactly {@code sns.<region>.amazonaws.com} ({@code .amazonaws.com.cn} in China), the region being
 * the one in the message's {@code TopicArn}; downloads use the JDK's default TLS trust. Tests build
 * a loopback trust with the package-private constructor.
 */
public final class SnsTrust {
  /** How old a message's {@code Timestamp} may be: SNS's 3,600 s retry cap plus 5 minutes. */
  static final Duration MAX_AGE = Duration.ofSeconds(3_900);

  /** How far in the future a {@code Timestamp} may be (clock skew). */
  static final Duration MAX_AHEAD = Duration.ofMinutes(5);

  /** The largest signing certificate accepted (a real one is under 2 KB). */
  static final int MAX_CERTIFICATE_BYTES = 16 * 1024;

  /** Certificates kept, by URL (SNS signs with one certificate per region at a time). */
  static final int CACHE_SIZE = 32;

  private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-[0-9]{1,2}");
  private static final Pattern TOPIC_ARN =
      Pattern.compile(
          "arn:(aws|aws-cn|aws-us-gov):sns:([a-z0-9-]+):[0-9]{12}:[A-Za-z0-9_.-]{1,256}");
  private static final Pattern CERT_PATH = Pattern.compile("/[A-Za-z0-9_.-]{1,200}\\.pem");

  private final String hostOverride;
  private final SSLContext sslContext;
  private final Duration connectTimeout;
  private final Duration fetchTimeout;
  private final Clock clock;

  /**
   * A trust for tests: every URL must be {@code https://<hostOverride>/…} instead of the regional
   * SNS host, and downloads trust {@code sslContext}.
   *
   * @param hostOverride null for the regional SNS hosts
   * @param sslContext null for the JDK's default, looked up at the first download (not at a cold
   *     start that may never see an SNS message)
   */
  SnsTrust(
      String hostOverride,
      SSLContext sslContext,
      Duration connectTimeout,
      Duration fetchTimeout,
      Clock clock) {
    this.hostOverride = hostOverride;
    this.sslContext = sslContext;
    this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
    this.fetchTimeout = Objects.requireNonNull(fetchTimeout, "fetchTimeout");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * The production trust: regional SNS hosts over HTTPS with the JDK's default TLS trust store, 2 s
   * to connect and 5 s for a whole download, the system clock.
   */
  public static SnsTrust aws() {
    return new SnsTrust(
        null, null, Duration.ofSeconds(2), Duration.ofSeconds(5), Clock.systemUTC());
  }

  /** The TLS context downloads use. */
  SSLContext sslContext() {
    if (sslContext != null) {
      return sslContext;
    }
    try {
      return SSLContext.getDefault();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has a default TLS context", e);
    }
  }

  Duration connectTimeout() {
    return connectTimeout;
  }

  Duration fetchTimeout() {
    return fetchTimeout;
  }

  Clock clock() {
    return clock;
  }

  /**
   * The partition and region of a topic ARN ({@code
   * arn:<partition>:sns:<region>:<account>:<name>}), or null when it is not an SNS topic ARN of the
   * {@code aws}, {@code aws-cn} or {@code aws-us-gov} partition with a region that belongs to that
   * partition.
   */
  static Region region(String topicArn) {
    Matcher m = TOPIC_ARN.matcher(topicArn);
    if (!m.matches() || !REGION.matcher(m.group(2)).matches()) {
      return null;
    }
    String partition = m.group(1);
    String region = m.group(2);
    boolean china = region.startsWith("cn-");
    boolean gov = region.startsWith("us-gov-");
    if (partition.equals("aws-cn") != china || partition.equals("aws-us-gov") != gov) {
      return null;
    }
    return new Region(partition, region);
  }

  /**
   * Why a {@code SigningCertURL} may not be fetched, or null when it may: {@code https}, exactly
   * the regional host, no user info, no port, no query or fragment, one path segment ending {@code
   * .pem}.
   */
  String certificateUrlProblem(URI url, Region region) {
    String problem = originProblem(url, region);
    if (problem != null) {
      return problem;
    }
    if (url.getRawQuery() != null) {
      return "has a query";
    }
    String path = url.getRawPath();
    if (path == null || !CERT_PATH.matcher(path).matches()) {
      return "path is not one file name ending in .pem";
    }
    return null;
  }

  /**
   * Why a {@code SubscribeURL} may not be fetched, or null when it may: the same origin rule, path
   * {@code /}, and a query whose {@code Action} is {@code ConfirmSubscription}.
   */
  String subscribeUrlProblem(URI url, Region region) {
    String problem = originProblem(url, region);
    if (problem != null) {
      return problem;
    }
    if (!"/".equals(url.getRawPath())) {
      return "path is not /";
    }
    String query = url.getRawQuery();
    if (query == null || !List.of(query.split("&")).contains("Action=ConfirmSubscription")) {
      return "query does not ask for Action=ConfirmSubscription";
    }
    return null;
  }

  private String originProblem(URI url, Region region) {
    if (!url.isAbsolute() || url.isOpaque()) {
      return "is not an absolute URL";
    }
    if (!"https".equals(url.getScheme())) {
      return "is not https";
    }
    if (url.getRawUserInfo() != null) {
      return "carries user info";
    }
    if (url.getRawFragment() != null) {
      return "has a fragment";
    }
    String authority = url.getRawAuthority();
    String expected = hostOverride != null ? hostOverride : region.host();
    if (authority == null || !authority.equals(expected)) {
      return "is not on " + expected;
    }
    return null;
  }

  /** The certificate names a signing certificate for this region may carry (CN or DNS name). */
  static Set<String> signerNames(Region region) {
    String r = region.region();
    return switch (region.partition()) {
      case "aws-cn" ->
          Set.of("sns-" + r + ".amazonaws.com.cn", "sns-signing." + r + ".amazonaws.com.cn");
      case "aws-us-gov" ->
          Set.of(
              "sns-us-gov-west-1.amazonaws.com",
              "sns-" + r + ".amazonaws.com",
              "sns-signing." + r + ".amazonaws.com");
      default -> Set.of("sns.amazonaws.com", "sns-signing." + r + ".amazonaws.com");
    };
  }

  /**
   * The partition and region of an SNS topic.
   *
   * @param partition {@code aws}, {@code aws-cn} or {@code aws-us-gov}
   * @param region e.g. {@code us-east-1}
   */
  record Region(String partition, String region) {
    /** The regional SNS host: {@code sns.<region>.amazonaws.com}, {@code .com.cn} in China. */
    String host() {
      return "sns."
          + region.toLowerCase(Locale.ROOT)
          + ".amazonaws.com"
          + (partition.equals("aws-cn") ? ".cn" : "");
    }
  }
}
