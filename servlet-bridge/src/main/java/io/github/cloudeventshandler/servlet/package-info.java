/**
 * Runs an ordinary servlet application in-process on embedded Jetty 12.1 (ee11) and delivers {@link
 * io.github.cloudeventshandler.core.AppRequest}s to it through a {@code LocalConnector}: no port,
 * the application's real filter chain. Entry point: {@link
 * io.github.cloudeventshandler.servlet.ServletApplication}.
 */
package io.github.cloudeventshandler.servlet;
