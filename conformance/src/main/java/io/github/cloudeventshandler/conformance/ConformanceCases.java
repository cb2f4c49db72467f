package io.github.cloudeventshandler.conformance;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.params.provider.ArgumentsSource;

/**
 * Feeds the cases of one provider directory to a {@code @ParameterizedTest}, one {@link
 * ConformanceCase} argument per case (per scenario, for cases with {@code scenarios}), in index
 * order.
 *
 * <pre>{@code
 * @ParameterizedTest(name = "{0}")
 * @ConformanceCases(provider = "gcp", entryPoint = "cloudevents")
 * void cloudEvents(ConformanceCase c) { ... }
 * }</pre>
 *
 * <p>Failure contract: a provider (or filter) that selects no case fails the test instead of
 * running zero invocations silently.
 */
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ArgumentsSource(ConformanceCaseArguments.class)
public @interface ConformanceCases {
  /** The provider directory: {@code aws}, {@code gcp}, {@code azure} or {@code cloudevents}. */
  String provider();

  /** Only cases of this source directory (e.g. {@code s3}); empty for every source. */
  String source() default "";

  /** Only cases with this {@code entryPoint} (e.g. {@code lambda}); empty for every entry point. */
  String entryPoint() default "";
}
