package io.github.cloudeventshandler.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A 10,000-record SQS batch (the recorded message with 500-byte bodies, ≈ 9.4 MB, the payload cap
 * raised) runs through {@link LambdaHandler} in a JVM whose whole heap is 96 MB, and every message
 * reaches the application exactly once. Not timed: the bound is on memory (the event is held once
 * by the handler, decoded without a copy of its text, and its JSON tree is let go before the
 * records are dispatched). Before that, the same batch lost 1,562 records to {@code
 * OutOfMemoryError} at 96 MB and ran out of memory in the parse at 80 MB; now it also runs at 80
 * MB.
 */
class LargeBatchTest {

  @Test
  void aTenThousandRecordBatchRunsInA96MbHeapAndEveryRecordArrivesOnce() throws Exception {
    ChildJvm.Result r =
        ChildJvm.run(
            List.of(
                "-Xmx96m",
                "-XX:+UseSerialGC",
                "-XX:+ExitOnOutOfMemoryError",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"),
            LargeBatchMain.class,
            List.of("10000", "500"),
            Map.of(),
            Duration.ofSeconds(300));
    String out = r.output();
    assertThat(r.exited()).as("the child JVM finished; output:\n" + out).isTrue();
    assertThat(out).doesNotContain("OutOfMemoryError");
    assertThat(r.exitValue()).as(out).isZero();
    assertThat(out).contains("REPLY {\"batchItemFailures\":[]}").contains("ONCE 10000 OTHER 0");
  }
}
