package io.github.cloudeventshandler.ingress;

import io.github.cloudeventshandler.core.AppRequest;
import io.github.cloudeventshandler.core.AppResponse;
import io.github.cloudeventshandler.core.classifier.ClassifiedEvent;
import io.github.cloudeventshandler.gcp.GcpReply;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The push protocols the ingress serves, one path each, each answered by the one implementation of
 * that protocol in its cloud's module: {@code HttpEntryPoint} (GCP), {@code AzureEventHandler}
 * (Azure), {@code SnsHttpEndpoint} (AWS). A path takes only its protocol: another event or a plain
 * HTTP request there is answered {@code 415} without reaching the application.
 */
enum Protocol {
  /** CloudEvents over HTTP, binary, structured or batch: Knative, Eventarc to Cloud Run, Dapr. */
  CLOUDEVENTS("cloudevents", e -> !e.isHttp() && e.reply() != GcpReply.PUSH),
  /** Pub/Sub push, wrapped or unwrapped, with its OIDC token verified. */
  PUBSUB("pubsub", e -> e.reply() == GcpReply.PUSH),
  /** Event Grid webhooks: the validation handshake, abuse protection, both schemas. */
  EVENTGRID("eventgrid", e -> !e.isHttp()),
  /**
   * Web PubSub upstream requests and their abuse-protection preflight, which the Azure flow
   * recognises by their headers before classifying; nothing it classifies belongs here.
   */
  WEBPUBSUB("webpubsub", e -> false),
  /** SNS deliveries to an HTTP(S) subscription, verified by {@code SnsHttpEndpoint}. */
  SNS("sns", e -> false);

  /** Where every path the ingress itself owns starts. */
  static final String PREFIX = "/ingress/";

  private final String path;
  private final Predicate<ClassifiedEvent> accepted;

  Protocol(String name, Predicate<ClassifiedEvent> accepted) {
    this.path = PREFIX + name;
    this.accepted = accepted;
  }

  /** The path, {@code /ingress/<name>}. */
  String path() {
    return path;
  }

  /** The protocol served at this path (exactly, or with a trailing slash), if any. */
  static Optional<Protocol> at(String path) {
    for (Protocol p : values()) {
      if (path.equals(p.path) || path.equals(p.path + "/")) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  /** Every protocol's path, for messages. */
  static String paths() {
    return java.util.Arrays.stream(values())
        .map(Protocol::path)
        .collect(java.util.stream.Collectors.joining(", "));
  }

  /** Answers one request of this protocol through its cloud's implementation. */
  AppResponse answer(ProtocolFlows flows, AppRequest request) {
    return switch (this) {
      case CLOUDEVENTS, PUBSUB -> flows.gcp().answer(request, accepted);
      case EVENTGRID, WEBPUBSUB -> flows.azure().answer(request, accepted);
      case SNS -> {
        if (!flows.isSnsDelivery(request)) {
          yield AppResponse.of(
              415,
              "text/plain; charset=utf-8",
              "ingress: " + path + " takes SNS deliveries (x-amz-sns-message-type)\n");
        }
        yield flows.sns(request);
      }
    };
  }
}
