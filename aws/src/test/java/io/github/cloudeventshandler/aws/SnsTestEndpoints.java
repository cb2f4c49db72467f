package io.github.cloudeventshandler.aws;

import io.github.cloudeventshandler.aws.internal.SnsTestPki;
import io.github.cloudeventshandler.core.spi.EventPipeline;

/**
 * An {@link SnsHttpEndpoint} that trusts {@link SnsTestPki}'s loopback certificate host, for the
 * tests of other modules that serve SNS deliveries (the container ingress); in the test jar only,
 * so production code can never build an endpoint with the test host rule.
 */
public final class SnsTestEndpoints {
  private SnsTestEndpoints() {}

  /** An endpoint delivering through {@code pipeline} that trusts {@code pki}. */
  public static SnsHttpEndpoint create(EventPipeline pipeline, SnsTestPki pki) {
    return new SnsHttpEndpoint(SnsTestPki.flow(pipeline, pki.trust()));
  }
}
