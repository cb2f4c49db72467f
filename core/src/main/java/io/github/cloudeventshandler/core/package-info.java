/**
 * The API an application and its deployment use: the {@link
 * io.github.cloudeventshandler.core.Application} events are delivered to, the {@link
 * io.github.cloudeventshandler.core.AppRequest} it receives and the {@link
 * io.github.cloudeventshandler.core.AppResponse} it gives, the request attributes it can read
 * ({@link io.github.cloudeventshandler.core.RequestAttributes}), the settings of a deployment
 * ({@link io.github.cloudeventshandler.core.Configuration}, {@link
 * io.github.cloudeventshandler.core.RouteOverrides}, {@link
 * io.github.cloudeventshandler.core.RequestDefaults}, {@link
 * io.github.cloudeventshandler.core.PayloadMode}, {@link
 * io.github.cloudeventshandler.core.BatchMode}) and the exceptions ({@link
 * io.github.cloudeventshandler.core.CloudEventsHandlerException} and its subclasses), each pointing
 * to its section of {@code docs/troubleshooting.md}.
 *
 * <p>An application with its own kind of event adds a classifier ({@code
 * io.github.cloudeventshandler.core.classifier}). {@code core.spi} is what the project's modules
 * share and {@code core.internal} is core's own; neither is for applications.
 */
package io.github.cloudeventshandler.core;
