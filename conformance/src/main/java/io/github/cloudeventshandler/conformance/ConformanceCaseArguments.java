package io.github.cloudeventshandler.conformance;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.params.provider.AnnotationBasedArgumentsProvider;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.support.ParameterDeclarations;

/** The arguments provider behind {@link ConformanceCases}. */
final class ConformanceCaseArguments extends AnnotationBasedArgumentsProvider<ConformanceCases> {

  @Override
  protected Stream<? extends Arguments> provideArguments(
      ParameterDeclarations parameters, ExtensionContext context, ConformanceCases selection) {
    return select(selection.provider(), selection.source(), selection.entryPoint()).stream()
        .map(Arguments::of);
  }

  static List<ConformanceCase> select(String provider, String source, String entryPoint) {
    List<ConformanceCase> selected =
        ConformanceCorpus.cases(provider).stream()
            .filter(c -> source.isEmpty() || c.source().equals(source))
            .filter(c -> entryPoint.isEmpty() || c.entryPoint().equals(entryPoint))
            .flatMap(c -> c.scenarios().stream())
            .toList();
    if (selected.isEmpty()) {
      throw new IllegalStateException(
          "no conformance case for provider '"
              + provider
              + "'"
              + (source.isEmpty() ? "" : ", source '" + source + "'")
              + (entryPoint.isEmpty() ? "" : ", entryPoint '" + entryPoint + "'"));
    }
    return selected;
  }
}
