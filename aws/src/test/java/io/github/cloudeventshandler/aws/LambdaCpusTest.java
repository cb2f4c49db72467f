package io.github.cloudeventshandler.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The CPU a function can use, which decides whether the cold start preloads classes. */
class LambdaCpusTest {
  private static Map<String, String> memory(String mb) {
    return Map.of("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", mb);
  }

  @Test
  void onLambdaCpuFollowsMemoryNotTheProcessorsTheJvmSees() {
    assertThat(LambdaHandler.cpus(memory("512"), 2)).isCloseTo(0.29, within(0.01));
    assertThat(LambdaHandler.cpus(memory("1769"), 2)).isEqualTo(1.0);
    assertThat(LambdaHandler.cpus(memory("3538"), 2)).isEqualTo(2.0);
    assertThat(LambdaHandler.cpus(memory("10240"), 6)).isCloseTo(5.79, within(0.01));
  }

  @Test
  void neverMoreThanTheJvmSees() {
    assertThat(LambdaHandler.cpus(memory("10240"), 2)).isEqualTo(2.0);
  }

  @Test
  void elsewhereTheJvmsCount() {
    assertThat(LambdaHandler.cpus(Map.of(), 4)).isEqualTo(4.0);
    assertThat(LambdaHandler.cpus(memory("lots"), 3)).isEqualTo(3.0);
  }

  private static org.assertj.core.data.Offset<Double> within(double d) {
    return org.assertj.core.data.Offset.offset(d);
  }
}
