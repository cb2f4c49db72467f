package io.github.cloudeventshandler.testing;

import io.github.cloudeventshandler.core.AppRequest;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import org.assertj.core.api.AbstractAssert;
import org.assertj.core.api.AbstractStringAssert;
import org.assertj.core.api.AbstractThrowableAssert;
import org.assertj.core.api.Assertions;
import org.assertj.core.api.ListAssert;

/**
 * AssertJ assertions on a {@link PlatformReply}: whether the platform counts the delivery as done
 * or retries it, the Lambda {@code batchItemFailures}, the status and body the caller sees, and the
 * requests the application received. Failure messages show the whole reply and every exchange.
 *
 * <pre>{@code
 * assertThat(lambda.send(S3Events.put("bucket", "key"))).succeeded().routedTo("/aws.s3");
 * assertThat(lambda.send(batch)).batchItemFailures().containsExactly(failing.messageId());
 * assertThat(gcp.send(PubSubEvents.push("hi"))).hasStatus(204);
 * assertThat(azure.send(ServiceBusEvents.message("{}"))).failed();
 * }</pre>
 */
public final class PlatformReplyAssert extends AbstractAssert<PlatformReplyAssert, PlatformReply> {

  PlatformReplyAssert(PlatformReply actual) {
    super(actual, PlatformReplyAssert.class);
  }

  /**
   * The platform counts the delivery as done and retries nothing: no exception, no {@code
   * batchItemFailures} entry, and for an HTTP reply a 2xx status.
   */
  public PlatformReplyAssert succeeded() {
    isNotNull();
    if (!actual.isSuccess()) {
      failWithMessage("expected the delivery to succeed, but:%n%s", actual);
    }
    return this;
  }

  /**
   * The platform retries or redelivers (the entry point threw, a record is in {@code
   * batchItemFailures}, or the HTTP reply is not 2xx).
   */
  public PlatformReplyAssert failed() {
    isNotNull();
    if (actual.isSuccess()) {
      failWithMessage("expected the delivery to fail (and be retried), but:%n%s", actual);
    }
    return this;
  }

  /** The entry point threw an exception of this type (the platform retries the invocation). */
  public PlatformReplyAssert threw(Class<? extends Throwable> type) {
    isNotNull();
    if (actual.thrown().isEmpty()) {
      failWithMessage("expected the entry point to throw %s, but:%n%s", type.getName(), actual);
    }
    if (!type.isInstance(actual.thrown().get())) {
      failWithMessage(
          "expected the entry point to throw %s, but it threw %s:%n%s",
          type.getName(), actual.thrown().get().getClass().getName(), actual);
    }
    return this;
  }

  /** Assertions on the exception the entry point threw; fails when it returned. */
  public AbstractThrowableAssert<?, ? extends Throwable> thrownException() {
    isNotNull();
    if (actual.thrown().isEmpty()) {
      failWithMessage("expected the entry point to throw, but:%n%s", actual);
    }
    return Assertions.assertThat(actual.thrown().get());
  }

  /**
   * Assertions on the {@code itemIdentifier}s of a Lambda {@code batchItemFailures} result, in
   * order; fails unless the reply is one.
   */
  public ListAssert<String> batchItemFailures() {
    isNotNull();
    boolean batch =
        actual
            .lambdaJson()
            .filter(j -> j.isJsonObject() && j.getAsJsonObject().has("batchItemFailures"))
            .isPresent();
    if (!batch) {
      failWithMessage("expected a Lambda batchItemFailures result, but:%n%s", actual);
    }
    return Assertions.assertThat(actual.batchItemFailures()).as("batchItemFailures of %s", actual);
  }

  /** The caller sees this status (HTTP reply, or a Lambda proxy result's {@code statusCode}). */
  public PlatformReplyAssert hasStatus(int status) {
    isNotNull();
    OptionalInt s = actual.status();
    if (s.isEmpty() || s.getAsInt() != status) {
      failWithMessage("expected status %d, but:%n%s", status, actual);
    }
    return this;
  }

  /** Assertions on the body the caller sees (HTTP reply, or a Lambda proxy result's body). */
  public AbstractStringAssert<?> body() {
    isNotNull();
    if (actual.body().isEmpty()) {
      failWithMessage("expected a reply with a body, but:%n%s", actual);
    }
    return Assertions.assertThat(actual.body().get()).as("body of %s", actual);
  }

  /** Assertions on a header the caller sees; fails when there is none of that name. */
  public AbstractStringAssert<?> header(String name) {
    isNotNull();
    if (actual.header(name).isEmpty()) {
      failWithMessage("expected a header %s in the reply, but:%n%s", name, actual);
    }
    return Assertions.assertThat(actual.header(name).get()).as("header %s of %s", name, actual);
  }

  /** Assertions on the Lambda result text; fails for other entry points or when it threw. */
  public AbstractStringAssert<?> lambdaOutput() {
    isNotNull();
    if (actual.lambdaOutput().isEmpty()) {
      failWithMessage("expected a Lambda result, but:%n%s", actual);
    }
    return Assertions.assertThat(actual.lambdaOutput().get()).as("Lambda result");
  }

  /** Assertions on the requests the application received, in order. */
  public ListAssert<AppRequest> requests() {
    isNotNull();
    return Assertions.assertThat(actual.requests()).as("requests of %s", actual);
  }

  /** The application received exactly these paths, in this order (one per request). */
  public PlatformReplyAssert routedTo(String... paths) {
    isNotNull();
    List<String> actualPaths = actual.requests().stream().map(AppRequest::path).toList();
    if (!actualPaths.equals(Arrays.asList(paths))) {
      failWithMessage(
          "expected requests to %s, but they went to %s:%n%s",
          Arrays.asList(paths), actualPaths, actual);
    }
    return this;
  }

  /** The application never received a request (refused before it, or answered by the adapter). */
  public PlatformReplyAssert reachedNoApplication() {
    isNotNull();
    if (!actual.requests().isEmpty()) {
      failWithMessage("expected no request to reach the application, but:%n%s", actual);
    }
    return this;
  }
}
