package io.github.cloudeventshandler.servlet.internal;

import io.github.cloudeventshandler.core.RequestAttributes;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Carries request attributes across the {@code LocalConnector}, where only bytes travel. The
 * dispatcher {@linkplain #register registers} the attributes under an unguessable token and sends
 * the token in the {@value #TOKEN_HEADER} header; this handler, installed in front of the servlet
 * context, looks the token up, sets the attributes on the Jetty core request (the servlet request
 * sees them through {@code getAttribute}) and hides the header from the application.
 *
 * <p>A request carrying a token that is not registered is answered 400 without reaching the
 * application. A request without the header (an ingress request from a real socket) reaches the
 * application with no bridge attributes; {@link RequestAttributes#PLATFORM_EVENT} is removed from
 * it, so it only ever comes from a registered token.
 *
 * <p>Tokens are a random 144-bit secret chosen at start followed by a counter: unique per request
 * and not guessable from outside the process.
 */
public final class AttributeHandler extends Handler.Wrapper {
  /** The header that carries the token; never visible to the application. */
  public static final String TOKEN_HEADER = "CEH-Dispatch-Token";

  private final Map<String, Map<String, Object>> pending = new ConcurrentHashMap<>();
  private final String secret;
  private final AtomicLong sequence = new AtomicLong();

  /** Creates the handler; wrap the servlet context with {@link #setHandler}. */
  public AttributeHandler() {
    byte[] random = new byte[18];
    new SecureRandom().nextBytes(random);
    this.secret = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
  }

  /** Registers attributes for one request and returns its token; {@link #release} it after. */
  public String register(Map<String, Object> attributes) {
    String token = secret + "." + Long.toString(sequence.incrementAndGet(), 36);
    pending.put(token, attributes);
    return token;
  }

  /** Forgets a token: a request that arrives later with it is rejected. */
  public void release(String token) {
    pending.remove(token);
  }

  /** Number of tokens registered and not yet released. */
  public int pendingCount() {
    return pending.size();
  }

  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    HttpFields headers = request.getHeaders();
    String token = headers.get(TOKEN_HEADER);
    if (token == null) {
      request.removeAttribute(RequestAttributes.PLATFORM_EVENT);
      return super.handle(request, response, callback);
    }
    Map<String, Object> attributes = pending.get(token);
    if (attributes == null || headers.getValuesList(TOKEN_HEADER).size() != 1) {
      Response.writeError(
          request, response, callback, HttpStatus.BAD_REQUEST_400, "unknown dispatch token");
      return true;
    }
    attributes.forEach(request::setAttribute);
    HttpFields visible = HttpFields.build(headers).remove(TOKEN_HEADER).asImmutable();
    return super.handle(new TokenHidingRequest(request, visible), response, callback);
  }

  private static final class TokenHidingRequest extends Request.Wrapper {
    private final HttpFields headers;

    TokenHidingRequest(Request wrapped, HttpFields headers) {
      super(wrapped);
      this.headers = headers;
    }

    @Override
    public HttpFields getHeaders() {
      return headers;
    }
  }
}
