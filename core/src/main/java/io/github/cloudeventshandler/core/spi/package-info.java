/**
 * Helpers shared by the project's modules and by authors of custom classifiers; not for
 * applications. An application configures and runs the handler through {@code
 * io.github.cloudeventshandler.core} and never needs this package.
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
 * <p>The types here are kept source-compatible within a minor version, like the rest of the
 * classifier SPI ({@link io.github.cloudeventshandler.core.EventClassifier}); {@code core.internal}
 * gives no such promise and is not for use outside {@code core}.
 */
package io.github.cloudeventshandler.core.spi;
