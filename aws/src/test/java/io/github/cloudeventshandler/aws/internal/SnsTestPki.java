package io.github.cloudeventshandler.aws.internal;

import com.google.gson.JsonObject;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.github.cloudeventshandler.core.Headers;
import io.github.cloudeventshandler.core.spi.EventPipeline;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Keys and certificates made for the SNS tests, an HTTPS server on loopback that serves them (and
 * answers subscription confirmations), and a signer for SNS messages. The CA, the TLS certificate
 * of {@code 127.0.0.1} and the signing certificates are all made here; the SNS string to sign is
 * written out independently of {@link SnsMessage} so the two check each other.
 */
public final class SnsTestPki implements AfterAllCallback {
  /** The topic the tests allow. */
  public static final String TOPIC = "arn:aws:sns:us-east-1:123456789012:orders";

  /** A subscription of {@link #TOPIC}. */
  public static final String SUBSCRIPTION = TOPIC + ":5b4e6a2c-8f1e-4a61-9c59-0b9b4d2c7e11";

  /** The instant the tests' clock stands at. */
  public final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

  /** The tests' clock. */
  public final Clock clock = Clock.fixed(now, ZoneOffset.UTC);

  public final KeyPair signerKeys = rsa(2048);
  public final KeyPair otherKeys = rsa(2048);
  private final KeyPair caKeys = rsa(2048);
  private final KeyPair serverKeys = rsa(2048);
  private final X509Certificate ca;
  private final X509Certificate otherCa;
  private final SSLContext clientTls;
  private final HttpsServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final Map<String, byte[]> files = new ConcurrentHashMap<>();

  /** GETs per path. */
  public final Map<String, AtomicInteger> gets = new ConcurrentHashMap<>();

  /** How long {@code /slow.pem} takes to answer. */
  public static final Duration SLOW = Duration.ofSeconds(30);

  private SnsTestPki() throws Exception {
    ca = certificate("CN=Test SNS Root", caKeys, caKeys, true, null, 0, 365, null, null);
    otherCa = certificate("CN=Other Root", otherKeys, otherKeys, true, null, 0, 365, null, null);
    put("/SimpleNotificationService-good.pem", pem(signer("sns.amazonaws.com", 0, 30, null)));
    put("/SimpleNotificationService-expired.pem", pem(signer("sns.amazonaws.com", -30, -1, null)));
    put("/SimpleNotificationService-future.pem", pem(signer("sns.amazonaws.com", 2, 30, null)));
    put(
        "/SimpleNotificationService-wrongname.pem",
        pem(signer("sns.amazonaws.com.evil.example", 0, 30, null)));
    put(
        "/SimpleNotificationService-keyencipherment.pem",
        pem(signer("sns.amazonaws.com", 0, 30, new KeyUsage(KeyUsage.keyEncipherment))));
    put(
        "/SimpleNotificationService-ca.pem",
        pem(certificate("CN=sns.amazonaws.com", signerKeys, caKeys, true, ca, 0, 30, null, null)));
    put(
        "/SimpleNotificationService-two.pem",
        (new String(pem(signer("sns.amazonaws.com", 0, 30, null)), StandardCharsets.US_ASCII)
                + new String(pem(ca), StandardCharsets.US_ASCII))
            .getBytes(StandardCharsets.US_ASCII));
    put(
        "/SimpleNotificationService-html.pem",
        "<html>hello</html>".getBytes(StandardCharsets.UTF_8));
    put("/SimpleNotificationService-huge.pem", new byte[SnsTrust.MAX_CERTIFICATE_BYTES + 10]);

    X509Certificate serverCert =
        certificate("CN=127.0.0.1", serverKeys, caKeys, false, ca, 0, 30, "127.0.0.1", null);
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    ks.setKeyEntry(
        "server", serverKeys.getPrivate(), new char[0], new X509Certificate[] {serverCert, ca});
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, new char[0]);
    SSLContext serverTls = SSLContext.getInstance("TLS");
    serverTls.init(kmf.getKeyManagers(), null, null);
    clientTls = trusting(ca);

    server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    server.setHttpsConfigurator(new HttpsConfigurator(serverTls));
    server.setExecutor(executor);
    server.createContext("/", this::serve);
    server.start();
  }

  /**
   * Starts the server; register it as a static {@code @RegisterExtension} field and it stops after
   * the test class.
   */
  public static SnsTestPki start() {
    try {
      return new SnsTestPki();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private void put(String path, byte[] body) {
    files.put(path, body);
  }

  private void serve(HttpExchange x) throws IOException {
    String path = x.getRequestURI().getRawPath();
    gets.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
    try (x) {
      if (path.equals("/SimpleNotificationService-slow.pem")) {
        try {
          Thread.sleep(SLOW.toMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        x.sendResponseHeaders(503, -1);
        return;
      }
      if (path.equals("/SimpleNotificationService-fail.pem")) {
        x.sendResponseHeaders(500, -1);
        return;
      }
      if (path.equals("/")) {
        String query = x.getRequestURI().getRawQuery();
        int status = query != null && query.contains("Token=fail") ? 500 : 200;
        byte[] body = "<ConfirmSubscriptionResponse/>".getBytes(StandardCharsets.UTF_8);
        x.sendResponseHeaders(status, body.length);
        x.getResponseBody().write(body);
        return;
      }
      byte[] body = files.get(path);
      if (body == null) {
        x.sendResponseHeaders(404, -1);
        return;
      }
      x.sendResponseHeaders(200, body.length);
      try (OutputStream out = x.getResponseBody()) {
        out.write(body);
      }
    }
  }

  /** How many GETs a path got. */
  public int gets(String path) {
    AtomicInteger n = gets.get(path);
    return n == null ? 0 : n.get();
  }

  /** All GETs so far. */
  public int allGets() {
    return gets.values().stream().mapToInt(AtomicInteger::get).sum();
  }

  /** {@code 127.0.0.1:<port>}. */
  public String authority() {
    return "127.0.0.1:" + server.getAddress().getPort();
  }

  /** {@code https://127.0.0.1:<port><path>}. */
  public String url(String path) {
    return "https://" + authority() + path;
  }

  /**
   * A trust for this server: its CA for TLS, the tests' clock, and timeouts generous enough for a
   * loaded build machine (the first TLS handshake of a JVM can take seconds there).
   */
  public SnsTrust trust() {
    return trust(Duration.ofSeconds(20));
  }

  /** A trust for this server with this connect and download timeout. */
  public SnsTrust trust(Duration timeout) {
    return new SnsTrust(authority(), clientTls, timeout, timeout, clock);
  }

  /** A trust for this server whose TLS trusts another CA (the server's chain is untrusted). */
  public SnsTrust trustWithOtherCa() {
    return new SnsTrust(
        authority(), trusting(otherCa), Duration.ofSeconds(20), Duration.ofSeconds(20), clock);
  }

  /** The production trust with the tests' clock. */
  public SnsTrust productionRulesWithTestClock() {
    SnsTrust aws = SnsTrust.aws();
    return new SnsTrust(null, aws.sslContext(), aws.connectTimeout(), aws.fetchTimeout(), clock);
  }

  /** A flow over a pipeline with a trust. */
  public static SnsHttpFlow flow(EventPipeline pipeline, SnsTrust trust) {
    return new SnsHttpFlow(pipeline, trust);
  }

  /** The fields of a notification of {@link #TOPIC}, signed with version 2 by the good cert. */
  public Map<String, String> notification(String message, String subject) {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("Type", "Notification");
    f.put("MessageId", "22b80b92-fdea-4c2c-8f9d-bdfb0c7bf324");
    f.put("TopicArn", TOPIC);
    if (subject != null) {
      f.put("Subject", subject);
    }
    f.put("Message", message);
    f.put("Timestamp", now.minusSeconds(5).toString().replace("Z", ".123Z"));
    f.put("SignatureVersion", "2");
    f.put("SigningCertURL", url("/SimpleNotificationService-good.pem"));
    f.put("UnsubscribeURL", url("/?Action=Unsubscribe&SubscriptionArn=" + SUBSCRIPTION));
    return f;
  }

  /** The fields of a confirmation ({@code SubscriptionConfirmation} or {@code Unsubscribe…}). */
  public Map<String, String> confirmation(String type, String topic, String token) {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("Type", type);
    f.put("MessageId", "165545c9-2a5c-472c-8df2-7ff2be2b3b1b");
    f.put("Token", token);
    f.put("TopicArn", topic);
    f.put("Message", "You have chosen to subscribe to the topic " + topic + ".");
    f.put(
        "SubscribeURL", url("/?Action=ConfirmSubscription&TopicArn=" + topic + "&Token=" + token));
    f.put("Timestamp", now.minusSeconds(2).toString());
    f.put("SignatureVersion", "1");
    f.put("SigningCertURL", url("/SimpleNotificationService-good.pem"));
    return f;
  }

  /**
   * The string SNS signs, written out from AWS's documentation: for a notification Message,
   * MessageId, Subject (if present), Timestamp, TopicArn, Type; for confirmations Message,
   * MessageId, SubscribeURL, Timestamp, Token, TopicArn, Type; each as name, newline, value,
   * newline.
   */
  public static String documentedStringToSign(Map<String, String> f) {
    List<String> names =
        f.get("Type").equals("Notification")
            ? List.of("Message", "MessageId", "Subject", "Timestamp", "TopicArn", "Type")
            : List.of(
                "Message", "MessageId", "SubscribeURL", "Timestamp", "Token", "TopicArn", "Type");
    StringBuilder sb = new StringBuilder();
    for (String n : names) {
      if (f.containsKey(n)) {
        sb.append(n).append("\n").append(f.get(n)).append("\n");
      }
    }
    return sb.toString();
  }

  /** The fields signed with the good signer's key, per their {@code SignatureVersion}. */
  public Map<String, String> signed(Map<String, String> f) {
    return signed(
        f,
        signerKeys.getPrivate(),
        f.get("SignatureVersion").equals("1") ? "SHA1withRSA" : "SHA256withRSA");
  }

  /** The fields with a {@code Signature} made with this key and algorithm. */
  public static Map<String, String> signed(
      Map<String, String> f, PrivateKey key, String algorithm) {
    try {
      Signature s = Signature.getInstance(algorithm);
      s.initSign(key);
      s.update(documentedStringToSign(f).getBytes(StandardCharsets.UTF_8));
      Map<String, String> out = new LinkedHashMap<>(f);
      out.put("Signature", Base64.getEncoder().encodeToString(s.sign()));
      return out;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The JSON body SNS would post. */
  public static byte[] body(Map<String, String> f) {
    JsonObject o = new JsonObject();
    f.forEach(o::addProperty);
    return o.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** The headers SNS sends with a message. */
  public static Headers headers(Map<String, String> f) {
    Headers.Builder h =
        Headers.builder()
            .add("Content-Type", "text/plain; charset=UTF-8")
            .add("User-Agent", "Amazon Simple Notification Service Agent")
            .add("x-amz-sns-message-type", f.get("Type"))
            .add("x-amz-sns-message-id", f.get("MessageId"))
            .add("x-amz-sns-topic-arn", f.get("TopicArn"));
    if (f.get("Type").equals("Notification") && f.get("TopicArn").equals(TOPIC)) {
      h.add("x-amz-sns-subscription-arn", SUBSCRIPTION);
    }
    return h.build();
  }

  private X509Certificate signer(String cn, int fromDays, int toDays, KeyUsage usage) {
    return certificate("CN=" + cn, signerKeys, caKeys, false, ca, fromDays, toDays, null, usage);
  }

  private X509Certificate certificate(
      String subject,
      KeyPair subjectKeys,
      KeyPair issuerKeys,
      boolean isCa,
      X509Certificate issuer,
      int fromDays,
      int toDays,
      String ip,
      KeyUsage given) {
    KeyUsage usage =
        given != null
            ? given
            : isCa
                ? new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature)
                : new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment);
    try {
      X500Name issuerName =
          issuer == null
              ? new X500Name(subject)
              : X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded());
      Instant base = now;
      X509v3CertificateBuilder b =
          new JcaX509v3CertificateBuilder(
              issuerName,
              BigInteger.valueOf(serials.incrementAndGet() + base.getEpochSecond()),
              Date.from(
                  base.plus(Duration.ofDays(fromDays)).minusSeconds(fromDays == 0 ? 3600 : 0)),
              Date.from(base.plus(Duration.ofDays(toDays))),
              new X500Name(subject),
              subjectKeys.getPublic());
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa));
      b.addExtension(Extension.keyUsage, true, usage);
      if (ip != null) {
        List<GeneralName> names = new ArrayList<>();
        names.add(new GeneralName(GeneralName.iPAddress, ip));
        names.add(new GeneralName(GeneralName.dNSName, "localhost"));
        b.addExtension(
            Extension.subjectAlternativeName,
            false,
            new GeneralNames(names.toArray(new GeneralName[0])));
      }
      return new JcaX509CertificateConverter()
          .getCertificate(
              b.build(new JcaContentSignerBuilder("SHA256withRSA").build(issuerKeys.getPrivate())));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private final AtomicInteger serials = new AtomicInteger();

  /** A certificate as PEM. */
  public static byte[] pem(X509Certificate cert) {
    try {
      return ("-----BEGIN CERTIFICATE-----\n"
              + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                  .encodeToString(cert.getEncoded())
              + "\n-----END CERTIFICATE-----\n")
          .getBytes(StandardCharsets.US_ASCII);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static SSLContext trusting(X509Certificate anchor) {
    try {
      KeyStore ts = KeyStore.getInstance("PKCS12");
      ts.load(null, null);
      ts.setCertificateEntry("anchor", anchor);
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(ts);
      SSLContext c = SSLContext.getInstance("TLS");
      c.init(null, tmf.getTrustManagers(), null);
      return c;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static KeyPair rsa(int bits) {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(bits);
      return g.generateKeyPair();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void afterAll(ExtensionContext context) {
    server.stop(0);
    executor.shutdownNow();
  }
}
