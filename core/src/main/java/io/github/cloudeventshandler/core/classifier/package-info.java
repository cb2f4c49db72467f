/**
 * The classifier SPI: how an event source the library does not know becomes requests. Implement
 * {@link io.github.cloudeventshandler.core.classifier.EventClassifier}, list the class in {@code
 * META-INF/services/io.github.cloudeventshandler.core.classifier.EventClassifier}, and the
 * zero-code entry points load it with the built-in classifiers ({@link
 * io.github.cloudeventshandler.core.classifier.ClassifierRegistry}). A classifier reads a {@link
 * io.github.cloudeventshandler.core.classifier.RawEvent} and answers with a {@link
 * io.github.cloudeventshandler.core.classifier.ClassifiedEvent}: its {@link
 * io.github.cloudeventshandler.core.classifier.EventRecord}s (each a CloudEvent and a {@link
 * io.github.cloudeventshandler.core.classifier.Payload}), how they are delivered ({@link
 * io.github.cloudeventshandler.core.classifier.Delivery}) and how the platform expects the answer
 * ({@link io.github.cloudeventshandler.core.classifier.ReplyContract}, {@link
 * io.github.cloudeventshandler.core.classifier.StandardReply}). The types are kept
 * source-compatible within a minor version; the classifiers of the cloud modules use nothing else
 * from core but {@code core.spi}.
 */
package io.github.cloudeventshandler.core.classifier;
