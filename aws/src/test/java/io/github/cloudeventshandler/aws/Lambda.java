package io.github.cloudeventshandler.aws;

import com.amazonaws.services.lambda.runtime.Context;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import io.github.cloudeventshandler.aws.internal.CloudFormationCallback;
import io.github.cloudeventshandler.core.AppRequest;
import io.github.cloudeventshandler.core.AppResponse;
import io.github.cloudeventshandler.core.Application;
import io.github.cloudeventshandler.core.Configuration;
import io.github.cloudeventshandler.testing.platform.LocalLambdaContext;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * Test driver: a {@link LambdaHandler} with a scripted application and the kit's Lambda Context.
 */
final class Lambda {
  final List<AppRequest> requests = new CopyOnWriteArrayList<>();
  final ByteArrayOutputStream output = new ByteArrayOutputStream();
  final LambdaHandler handler;
  final Context context;

  Lambda(Function<AppRequest, AppResponse> answers) {
    this(Configuration.builder().build(), answers, (url, body, timeout) -> {});
  }

  Lambda(
      Configuration configuration,
      Function<AppRequest, AppResponse> answers,
      CloudFormationCallback callback) {
    Application app =
        request -> {
          requests.add(request);
          return answers.apply(request);
        };
    handler = new LambdaHandler(configuration, app, callback);
    context = context();
  }

  /** Request id {@code req-1}, 30 s left (frozen), log stream {@code 2026/11/23/[$LATEST]abc}. */
  static Context context() {
    return LocalLambdaContext.builder()
        .requestId("req-1")
        .frozenRemainingTime(Duration.ofSeconds(30))
        .logStreamName("2026/11/23/[$LATEST]abc")
        .build();
  }

  /** Invokes with UTF-8 text and returns the result text. */
  String invoke(String event) {
    return invoke(event.getBytes(StandardCharsets.UTF_8));
  }

  String invoke(byte[] event) {
    try {
      handler.handleRequest(new ByteArrayInputStream(event), output, context);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return output.toString(StandardCharsets.UTF_8);
  }

  JsonElement invokeJson(String event) {
    return JsonParser.parseString(invoke(event));
  }
}
