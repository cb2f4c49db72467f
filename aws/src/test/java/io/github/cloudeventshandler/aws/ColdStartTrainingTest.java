package io.github.cloudeventshandler.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The AppCDS training run: events through the real zero-code handler, failures reported. */
class ColdStartTrainingTest {
  @TempDir Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return ColdStartTraining.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  void withoutEventsItPrintsUsage() {
    assertThat(run()).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage: ColdStartTraining");
  }

  @Test
  void handlesEachEventAndReportsTheOnesThatFail() throws IOException {
    Path s3 = Files.writeString(dir.resolve("s3.json"), Events.s3("a.txt"));
    Path broken = Files.writeString(dir.resolve("broken.json"), "{not json");
    System.setProperty("ceh.application", EchoServlet.class.getName());
    try {
      assertThat(run(s3.toString(), broken.toString())).isEqualTo(0);
    } finally {
      System.clearProperty("ceh.application");
    }
    String printed = out.toString(StandardCharsets.UTF_8);
    assertThat(printed)
        .contains("s3.json -> ")
        .contains("broken.json -> BadEventException")
        .contains("1 of 2 events handled");
  }

  @Test
  void anUnreadableEventFileIsABadArgument() {
    System.setProperty("ceh.application", EchoServlet.class.getName());
    try {
      assertThat(run(dir.resolve("missing.json").toString())).isEqualTo(2);
    } finally {
      System.clearProperty("ceh.application");
    }
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("cannot read");
  }
}
