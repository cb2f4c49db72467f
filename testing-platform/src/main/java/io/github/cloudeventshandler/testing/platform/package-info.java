/**
 * Local implementations of the clouds' platform objects, for tests and local runs: what the
 * platforms hand to a function, built in memory — the AWS Lambda {@code Context} ({@link
 * io.github.cloudeventshandler.testing.platform.LocalLambdaContext}), the Functions Framework
 * {@code HttpRequest}, {@code HttpResponse} and background-function {@code Context} ({@link
 * io.github.cloudeventshandler.testing.platform.LocalGcpHttpRequest}, {@link
 * io.github.cloudeventshandler.testing.platform.LocalGcpHttpResponse}, {@link
 * io.github.cloudeventshandler.testing.platform.LocalGcpContext}), the Azure Functions {@code
 * HttpRequestMessage}, {@code HttpResponseMessage} and {@code ExecutionContext} ({@link
 * io.github.cloudeventshandler.testing.platform.LocalAzureHttpRequest}, {@link
 * io.github.cloudeventshandler.testing.platform.LocalAzureHttpResponse}, {@link
 * io.github.cloudeventshandler.testing.platform.LocalAzureContext}) — and {@link
 * io.github.cloudeventshandler.testing.platform.PushTokenIssuer}, which signs Pub/Sub push tokens
 * and serves their keys on loopback.
 *
 * <p>Each cloud's API jar is an optional dependency: a project uses the objects of the clouds whose
 * API it has. The JUnit extension and the event builders are in {@code
 * io.github.cloudeventshandler.testing} (artifact {@code cloud-events-handler-testing}).
 */
package io.github.cloudeventshandler.testing.platform;
