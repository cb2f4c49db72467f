package io.github.cloudeventshandler.servlet.internal;

import io.github.cloudeventshandler.core.RequestAttributes;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * In front of the servlet context: a request that came over a real socket (the HTTP ingress) never
 * carries {@link RequestAttributes#PLATFORM_EVENT}, whatever it sent; only in-process requests,
 * whose attributes the dispatcher set on the request itself, can.
 */
final class BridgeHandler extends Handler.Wrapper {
  @Override
  public boolean handle(Request request, Response response, Callback callback) throws Exception {
    if (!(request.getConnectionMetaData() instanceof InProcessConnection)) {
      request.removeAttribute(RequestAttributes.PLATFORM_EVENT);
    }
    return super.handle(request, response, callback);
  }
}
