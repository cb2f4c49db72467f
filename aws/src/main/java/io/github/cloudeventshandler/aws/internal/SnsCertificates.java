package io.github.cloudeventshandler.aws.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * Downloads SNS signing certificates and keeps the last {@value SnsTrust#CACHE_SIZE} by URL. A
 * download is one HTTPS GET (no redirects) bounded by the trust's timeouts and by {@value
 * SnsTrust#MAX_CERTIFICATE_BYTES} bytes; the body must be exactly one PEM certificate, currently
 * valid, not a CA, allowed to sign ({@code digitalSignature} when it has a key usage), with an RSA
 * key of at least 2048 bits and a name SNS signs with ({@link SnsTrust#signerNames}). Validity is
 * checked again on every use, so a cached certificate that expires stops verifying. Thread-safe.
 * Not part of the public API.
 */
final class SnsCertificates {
  private static final Pattern PEM =
      Pattern.compile(
          "\\s*-----BEGIN CERTIFICATE-----\\r?\\n[A-Za-z0-9+/=\\r\\n]+-----END CERTIFICATE-----\\s*");

  private final SnsTrust trust;
  private volatile HttpClient client;
  private final Lru cache = new Lru();

  SnsCertificates(SnsTrust trust) {
    this.trust = trust;
  }

  /**
   * The HTTP client, made at the first download: a handler that never sees an SNS delivery never
   * pays for it (or for loading the TLS trust store) at its cold start.
   */
  private HttpClient client() {
    HttpClient c = client;
    if (c == null) {
      synchronized (this) {
        c = client;
        if (c == null) {
          c =
              HttpClient.newBuilder()
                  .sslContext(trust.sslContext())
                  .connectTimeout(trust.connectTimeout())
                  .followRedirects(HttpClient.Redirect.NEVER)
                  .build();
          client = c;
        }
      }
    }
    return c;
  }

  /** The least recently used certificate goes first once there are too many. */
  private static final class Lru extends LinkedHashMap<URI, X509Certificate> {
    private static final long serialVersionUID = 1L;

    Lru() {
      super(16, 0.75f, true);
    }

    @Override
    protected boolean removeEldestEntry(Map.Entry<URI, X509Certificate> eldest) {
      return size() > SnsTrust.CACHE_SIZE;
    }
  }

  /**
   * What a GET got.
   *
   * @param status the HTTP status
   * @param body the body, or null when it was over the size limit
   */
  record Fetched(int status, byte[] body) {}

  /** Why a certificate cannot be used: the message fails verification (not retryable). */
  static final class Rejected extends Exception {
    private static final long serialVersionUID = 1L;

    Rejected(String message) {
      super(message, null, false, false);
    }
  }

  /** A download that did not complete: the message may be genuine, so it is retryable. */
  static final class Unavailable extends Exception {
    private static final long serialVersionUID = 1L;

    Unavailable(String message, Throwable cause) {
      super(message, cause, false, false);
    }
  }

  /**
   * The signing certificate at a URL that already passed {@link SnsTrust#certificateUrlProblem}.
   *
   * @param names the names it may carry
   * @param limit at most this long (the caller's remaining time), never longer than the trust's
   *     fetch timeout
   */
  X509Certificate get(URI url, Set<String> names, Duration limit) throws Rejected, Unavailable {
    X509Certificate cert;
    synchronized (cache) {
      cert = cache.get(url);
    }
    if (cert == null) {
      cert = check(parse(download(url, limit), url), names, url);
      synchronized (cache) {
        cache.put(url, cert);
      }
    }
    checkValidity(cert, url);
    return cert;
  }

  /** The certificate body: one GET answered 200 within the time and size limits. */
  private byte[] download(URI url, Duration limit) throws Unavailable {
    Fetched f = fetch(url, limit, SnsTrust.MAX_CERTIFICATE_BYTES);
    if (f.status() != 200) {
      throw new Unavailable("GET " + url + " answered HTTP " + f.status(), null);
    }
    if (f.body() == null) {
      throw new Unavailable(
          "GET " + url + ": the body is over " + SnsTrust.MAX_CERTIFICATE_BYTES + " bytes", null);
    }
    return f.body();
  }

  /**
   * One GET without redirects, within {@code limit} (never longer than the trust's fetch timeout)
   * from sending to the last byte, reading at most {@code maxBytes}.
   *
   * @throws Unavailable when there was no complete answer in time
   */
  Fetched fetch(URI url, Duration limit, int maxBytes) throws Unavailable {
    Duration timeout = min(limit, trust.fetchTimeout());
    if (timeout.isNegative() || timeout.isZero()) {
      throw new Unavailable("no time left for GET " + url, null);
    }
    HttpRequest request =
        HttpRequest.newBuilder(url).GET().timeout(timeout).header("Accept", "*/*").build();
    CompletableFuture<HttpResponse<byte[]>> pending =
        client().sendAsync(request, info -> new CappedBody(maxBytes));
    try {
      HttpResponse<byte[]> response = pending.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return new Fetched(response.statusCode(), response.body());
    } catch (TimeoutException e) {
      pending.cancel(true);
      throw new Unavailable("no answer to GET " + url + " within " + timeout.toMillis() + " ms", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      if (cause instanceof java.net.http.HttpTimeoutException) {
        // the client's own request timeout (the same duration) can fire before ours: one message
        throw new Unavailable(
            "no answer to GET " + url + " within " + timeout.toMillis() + " ms", cause);
      }
      throw new Unavailable("GET " + url + " failed: " + cause, cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      pending.cancel(true);
      throw new Unavailable("interrupted during GET " + url, e);
    }
  }

  private static X509Certificate parse(byte[] body, URI url) throws Rejected {
    String text = new String(body, StandardCharsets.US_ASCII);
    if (!PEM.matcher(text).matches()) {
      throw new Rejected("the body of " + url + " is not exactly one PEM certificate");
    }
    try {
      Collection<? extends java.security.cert.Certificate> all =
          CertificateFactory.getInstance("X.509")
              .generateCertificates(new ByteArrayInputStream(body));
      if (all.size() != 1 || !(all.iterator().next() instanceof X509Certificate x)) {
        throw new Rejected("the body of " + url + " is not exactly one X.509 certificate");
      }
      return x;
    } catch (CertificateException e) {
      throw new Rejected("the certificate at " + url + " cannot be parsed: " + e.getMessage());
    }
  }

  private X509Certificate check(X509Certificate cert, Set<String> names, URI url) throws Rejected {
    checkValidity(cert, url);
    if (cert.getBasicConstraints() >= 0) {
      throw new Rejected("the certificate at " + url + " is a CA certificate, not a signer");
    }
    boolean[] usage = cert.getKeyUsage();
    if (usage != null && (usage.length == 0 || !usage[0])) {
      throw new Rejected("the certificate at " + url + " has a key usage without digitalSignature");
    }
    if (!(cert.getPublicKey() instanceof RSAPublicKey rsa) || rsa.getModulus().bitLength() < 2048) {
      throw new Rejected("the certificate at " + url + " has no RSA key of at least 2048 bits");
    }
    List<String> carried = names(cert);
    for (String n : carried) {
      if (names.contains(n.toLowerCase(Locale.ROOT))) {
        return cert;
      }
    }
    throw new Rejected(
        "the certificate at "
            + url
            + " names "
            + carried
            + ", not an SNS signer of this region "
            + names.stream().sorted().toList());
  }

  private void checkValidity(X509Certificate cert, URI url) throws Rejected {
    try {
      cert.checkValidity(Date.from(trust.clock().instant()));
    } catch (CertificateExpiredException | CertificateNotYetValidException e) {
      throw new Rejected(
          "the certificate at "
              + url
              + " is not valid now (valid "
              + cert.getNotBefore().toInstant()
              + " to "
              + cert.getNotAfter().toInstant()
              + ")");
    }
  }

  /** The DNS names of the subject alternative names, else the subject's common names. */
  static List<String> names(X509Certificate cert) throws Rejected {
    List<String> dns = new ArrayList<>();
    try {
      Collection<List<?>> alt = cert.getSubjectAlternativeNames();
      if (alt != null) {
        for (List<?> entry : alt) {
          if (entry.size() == 2 && Integer.valueOf(2).equals(entry.get(0))) {
            dns.add(String.valueOf(entry.get(1)));
          }
        }
      }
    } catch (CertificateParsingException e) {
      throw new Rejected("the certificate's alternative names cannot be read: " + e.getMessage());
    }
    if (!dns.isEmpty()) {
      return dns;
    }
    List<String> cn = new ArrayList<>();
    try {
      for (Rdn rdn : new LdapName(cert.getSubjectX500Principal().getName()).getRdns()) {
        if (rdn.getType().equalsIgnoreCase("CN")) {
          cn.add(String.valueOf(rdn.getValue()));
        }
      }
    } catch (InvalidNameException e) {
      throw new Rejected("the certificate's subject cannot be read: " + e.getMessage());
    }
    return cn;
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) < 0 ? a : b;
  }

  /**
   * Collects a body up to a size: more than that cancels the download and yields null. Bounded
   * memory whatever the server sends.
   */
  private static final class CappedBody implements HttpResponse.BodySubscriber<byte[]> {
    private final int max;
    private final CompletableFuture<byte[]> result = new CompletableFuture<>();
    private final java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    private Flow.Subscription subscription;
    private boolean over;

    CappedBody(int max) {
      this.max = max;
    }

    @Override
    public java.util.concurrent.CompletionStage<byte[]> getBody() {
      return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
      subscription = s;
      s.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(List<ByteBuffer> items) {
      if (over) {
        return;
      }
      for (ByteBuffer b : items) {
        if (out.size() + b.remaining() > max) {
          over = true;
          subscription.cancel();
          result.complete(null);
          return;
        }
        byte[] chunk = new byte[b.remaining()];
        b.get(chunk);
        out.write(chunk, 0, chunk.length);
      }
    }

    @Override
    public void onError(Throwable t) {
      if (over) {
        return;
      }
      result.completeExceptionally(t instanceof IOException ? t : new IOException(t));
    }

    @Override
    public void onComplete() {
      if (!over) {
        result.complete(out.toByteArray());
      }
    }
  }
}
