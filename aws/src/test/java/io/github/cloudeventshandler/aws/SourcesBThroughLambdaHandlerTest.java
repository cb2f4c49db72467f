package io.github.cloudeventshandler.aws;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.github.cloudeventshandler.conformance.ConformanceAssertions;
import io.github.cloudeventshandler.conformance.ConformanceCase;
import io.github.cloudeventshandler.conformance.RecordingApplication;
import io.github.cloudeventshandler.core.Application;
import io.github.cloudeventshandler.core.Configuration;
import io.github.cloudeventshandler.core.JsonLimits;
import io.github.cloudeventshandler.core.StrictJson;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Constructor;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mockito.Mockito;

/**
 * The same cases as {@link AwsSourcesBConformanceTest}, through the real entry point {@code
 * LambdaHandler} with a recording application: requests, the native reply and the expected errors
 * (including {@code DispatchException} when a record fails). {@code LambdaHandler} is looked up by
 * name, so this test compiles on a branch that does not have it yet and is skipped there.
 */
class SourcesBThroughLambdaHandlerTest {
  private static final Constructor<?> HANDLER = handlerConstructor();

  static Stream<ConformanceCase> cases() {
    return AwsSourcesBConformanceTest.cases();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void throughLambdaHandler(ConformanceCase c) throws Exception {
    Assumptions.assumeTrue(HANDLER != null, "LambdaHandler(Configuration, Application) not here");
    Context context = Mockito.mock(Context.class);
    Mockito.when(context.getAwsRequestId()).thenReturn(AwsSourcesBConformanceTest.REQUEST_ID);
    Mockito.when(context.getRemainingTimeInMillis()).thenReturn(30_000);
    RecordingApplication app = RecordingApplication.forCase(c);
    RequestStreamHandler handler =
        (RequestStreamHandler) HANDLER.newInstance(c.configuration(), app);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      handler.handleRequest(new ByteArrayInputStream(c.input()), out, context);
    } catch (RuntimeException e) {
      ConformanceAssertions.assertError(c, e);
      ConformanceAssertions.assertRequests(c, app.requests());
      return;
    }
    ConformanceAssertions.assertNoErrorExpected(c);
    ConformanceAssertions.assertRequests(c, app.requests());
    if (c.expected().has("reply")) {
      ConformanceAssertions.assertReply(
          c, StrictJson.parse(out.toByteArray(), JsonLimits.DEFAULT, "Lambda result"));
    }
  }

  private static Constructor<?> handlerConstructor() {
    try {
      return Class.forName("io.github.cloudeventshandler.aws.LambdaHandler")
          .getConstructor(Configuration.class, Application.class);
    } catch (ReflectiveOperationException e) {
      return null;
    }
  }
}
