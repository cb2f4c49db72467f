package io.github.cloudeventshandler.ingress;

import io.github.cloudeventshandler.aws.SnsHttpEndpoint;
import io.github.cloudeventshandler.azure.AzureEventHandler;
import io.github.cloudeventshandler.core.AppRequest;
import io.github.cloudeventshandler.core.AppResponse;
import io.github.cloudeventshandler.core.Application;
import io.github.cloudeventshandler.gcp.HttpEntryPoint;
import java.time.Duration;
import java.util.Objects;

/**
 * The three clouds' HTTP flows, built once over the one application: GCP's {@link HttpEntryPoint}
 * (CloudEvents over HTTP, Pub/Sub push), Azure's {@link AzureEventHandler} (Event Grid, Web
 * PubSub), AWS's {@link SnsHttpEndpoint}. Thread-safe.
 */
record ProtocolFlows(
    HttpEntryPoint gcp,
    AzureEventHandler azure,
    SnsHttpEndpoint snsEndpoint,
    Application application,
    Duration budget) {

  ProtocolFlows {
    Objects.requireNonNull(gcp, "gcp");
    Objects.requireNonNull(azure, "azure");
    Objects.requireNonNull(snsEndpoint, "snsEndpoint");
    Objects.requireNonNull(application, "application");
    Objects.requireNonNull(budget, "budget");
  }

  boolean isSnsDelivery(AppRequest request) {
    return request.method().equals("POST") && SnsHttpEndpoint.isSnsDelivery(request.headers());
  }

  AppResponse sns(AppRequest request) {
    return snsEndpoint
        .handle(request.body(), request.headers(), application, null, budget)
        .response();
  }
}
