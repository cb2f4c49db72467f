package io.github.cloudeventshandler.gcp.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Appends one line per delivery to the file named by {@code CEH_IT_RECORD}, so the integration test
 * can see what code running inside the invoker process received.
 */
final class Recorder {
  static final String RECORD = "CEH_IT_RECORD";

  private Recorder() {}

  static synchronized void record(String line) {
    String file = System.getenv(RECORD);
    if (file == null) {
      throw new IllegalStateException(RECORD + " is not set");
    }
    try {
      Files.writeString(
          Path.of(file),
          line.replace('\n', ' ') + "\n",
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
