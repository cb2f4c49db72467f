/**
 * What the project's modules share, documented but not for applications: the provider-neutral flow
 * ({@link io.github.cloudeventshandler.core.spi.EventPipeline}, its {@link
 * io.github.cloudeventshandler.core.spi.DispatchResult} and {@link
 * io.github.cloudeventshandler.core.spi.RecordOutcome}s, {@link
 * io.github.cloudeventshandler.core.spi.Explanation}), strict JSON ({@link
 * io.github.cloudeventshandler.core.spi.StrictJson}, {@link
 * io.github.cloudeventshandler.core.spi.JsonLimits}, {@link
 * io.github.cloudeventshandler.core.spi.JsonBytes}), the one route rule ({@link
 * io.github.cloudeventshandler.core.spi.RoutePaths}), the HTTP rules of event requests ({@link
 * io.github.cloudeventshandler.core.spi.SendableRequests}), CloudEvent {@code ce-*} headers ({@link
 * io.github.cloudeventshandler.core.spi.CloudEventHeaders}) and timestamps ({@link
 * io.github.cloudeventshandler.core.spi.Timestamps}), W3C trace context ({@link
 * io.github.cloudeventshandler.core.spi.TraceContext}). Entry points (Lambda, Functions Framework,
 * Azure Functions, the runner) are built from these; a custom classifier may use them too.
 *
 * <p>Reading event fields:
 *
 * <ul>
 *   <li>{@link io.github.cloudeventshandler.core.spi.EventField}: the one typed way to read a field
 *       of an event's JSON. A field that is absent or has the wrong type becomes a {@link
 *       io.github.cloudeventshandler.core.BadEventException} that names the provider, the source,
 *       the event id when known and the field's JSON path, in one message style, instead of an
 *       {@code UnsupportedOperationException} or {@code IllegalStateException} from Gson.
 *   <li>{@link io.github.cloudeventshandler.core.spi.AttributeValues}: turns any text taken from an
 *       event into a valid CloudEvents attribute value (a URI-reference for {@code source}, a
 *       String without control characters for {@code id}, {@code type} and {@code subject}) by
 *       percent-encoding, never by refusing the event.
 * </ul>
 *
 * <p>No compatibility promise beyond the project's own modules of the same version. {@code
 * core.internal} is core's own and no other module imports it (a test checks).
 */
package io.github.cloudeventshandler.core.spi;
