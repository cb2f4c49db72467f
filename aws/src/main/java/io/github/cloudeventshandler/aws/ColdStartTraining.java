package io.github.cloudeventshandler.aws;

import io.github.cloudeventshandler.core.ConfigurationException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A training run for an application class-data sharing (AppCDS) archive of a function: starts the
 * handler exactly as Lambda would ({@code CEH_*} from the environment), hands it each event file
 * given, and exits, so that the JVM can write every class it loaded into an archive:
 *
 * <pre>{@code
 * java -XX:ArchiveClassesAtExit=/function/ceh.jsa -cp "$FUNCTION_CLASS_PATH" \
 *   io.github.cloudeventshandler.aws.ColdStartTraining events/s3-put.json events/sqs.json
 * }</pre>
 *
 * <p>The function then starts with {@code
 * JAVA_TOOL_OPTIONS=-XX:SharedArchiveFile=/function/ceh.jsa} and maps those classes instead of
 * loading, verifying and spinning them (lambdas included). The JVM uses the archive only when the
 * class path is the one of the training run (same files in the same order, unchanged) and the JDK
 * is the same build; otherwise it says so and starts normally. That holds in a container image that
 * runs the runtime interface client with a fixed class path, where the training runs as a build
 * step (see {@code aws/README.md}, "Cold start").
 *
 * <p>The events really reach the application, so pick ones it can take at build time; an event the
 * application fails is reported and the training goes on (its classes are loaded all the same).
 * Exit status: 0 when the handler started, 1 when it could not (a configuration error), 2 for bad
 * arguments.
 */
public final class ColdStartTraining {
  private ColdStartTraining() {}

  /**
   * Runs the training.
   *
   * @param args event files (JSON, as Lambda would deliver them)
   */
  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** The training without {@code System.exit}; returns the exit status. */
  static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length == 0) {
      err.println("usage: ColdStartTraining EVENT.json... (with CEH_APPLICATION set)");
      return 2;
    }
    LambdaHandler handler;
    try {
      handler = new LambdaHandler();
    } catch (ConfigurationException e) {
      err.println("training: the handler did not start: " + e.getMessage());
      return 1;
    }
    int handled = 0;
    for (String file : args) {
      byte[] event;
      try {
        event = Files.readAllBytes(Path.of(file));
      } catch (IOException e) {
        err.println("training: cannot read " + file + ": " + e);
        return 2;
      }
      ByteArrayOutputStream reply = new ByteArrayOutputStream();
      try {
        handler.handleRequest(new ByteArrayInputStream(event), reply, null);
        handled++;
        out.println("training: " + file + " -> " + reply.size() + " bytes of reply");
      } catch (IOException | RuntimeException e) {
        // the failure path's classes are worth archiving too; the platform would retry
        out.println(
            "training: " + file + " -> " + e.getClass().getSimpleName() + ": " + e.getMessage());
      }
    }
    out.println("training: " + handled + " of " + args.length + " events handled");
    return 0;
  }
}
