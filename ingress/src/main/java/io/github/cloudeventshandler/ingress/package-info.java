/**
 * The container ingress: {@link io.github.cloudeventshandler.ingress.ContainerIngress} (a container
 * image's entry point) and {@link io.github.cloudeventshandler.ingress.IngressServer} (the server
 * it runs, also the runner's {@code serve}).
 */
package io.github.cloudeventshandler.ingress;
