package io.github.cloudeventshandler.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * CPU time the whole benchmark JVM spent per operation (all threads: the caller, Jetty's workers,
 * plus JIT and GC). On a busy shared machine the wall-clock score mostly measures how long the
 * threads waited for a core; this figure does not. Use with {@code -prof
 * io.github.cloudeventshandler.benchmarks.ProcessCpuProfiler}.
 */
public final class ProcessCpuProfiler implements InternalProfiler {
  private final com.sun.management.OperatingSystemMXBean os =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  private long startCpuNanos;

  @Override
  public String getDescription() {
    return "process CPU time per operation (all JVM threads)";
  }

  @Override
  public void beforeIteration(BenchmarkParams benchmark, IterationParams iteration) {
    startCpuNanos = os.getProcessCpuTime();
  }

  @Override
  @SuppressWarnings("rawtypes") // JMH's InternalProfiler declares the raw Result type
  public Collection<? extends Result> afterIteration(
      BenchmarkParams benchmark, IterationParams iteration, IterationResult result) {
    long cpu = os.getProcessCpuTime() - startCpuNanos;
    long ops = result.getMetadata().getAllOps();
    double perOp = ops == 0 ? Double.NaN : cpu / 1_000.0 / ops;
    return List.of(new ScalarResult("cpu", perOp, "us/op", AggregationPolicy.AVG));
  }
}
