/** Azure Functions trigger bridge, Event Grid and Web PubSub upstream. */
package io.github.cloudeventshandler.azure;
