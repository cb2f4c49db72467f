package io.github.cloudeventshandler.aws.internal;

import com.amazonaws.services.lambda.runtime.Context;
import com.google.gson.JsonElement;
import io.github.cloudeventshandler.core.AppResponse;
import io.github.cloudeventshandler.core.BadEventException;
import io.github.cloudeventshandler.core.DispatchException;
import io.github.cloudeventshandler.core.spi.DispatchResult;
import io.github.cloudeventshandler.core.spi.JsonLimits;
import io.github.cloudeventshandler.core.spi.StrictJson;

/**
 * {@code RESPONSE_BODY} (authorizers, Lex, Alexa, Cognito, CloudFront, …): the application's body,
 * which must be JSON, is the Lambda result as it is. A non-2xx answer, an empty body or a body that
 * is not JSON throws {@link DispatchException}.
 */
public final class ResponseBodyReply implements ReplyShape {
  @Override
  public JsonElement reply(DispatchResult result, JsonElement event, Context context) {
    if (!result.allHandled()) {
      throw new DispatchException(ResponseBodies.failures(result));
    }
    AppResponse last = result.lastResponse().orElseThrow();
    String kind = result.event().kind();
    if (last.bodyLength() == 0) {
      throw new DispatchException(
          kind
              + ": the application answered "
              + last.status()
              + " with an empty body, but this source needs a JSON result");
    }
    try {
      return StrictJson.parse(last.body(), JsonLimits.DEFAULT, kind + " application response");
    } catch (BadEventException e) {
      throw new DispatchException(
          kind + ": the application's body must be JSON for this source: " + e.getMessage(), e);
    }
  }
}
