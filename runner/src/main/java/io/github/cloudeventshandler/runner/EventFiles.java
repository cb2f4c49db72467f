package io.github.cloudeventshandler.runner;

import io.github.cloudeventshandler.conformance.ConformanceCase;
import io.github.cloudeventshandler.conformance.ConformanceCorpus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Turns the command's arguments into events: a file (its bytes), a directory (every {@code *.json}
 * below it except {@code *.expected.json} sidecars, sorted), or a conformance corpus id ({@code
 * aws/s3/s3-put-sam}) or id prefix ({@code aws/s3}, {@code gcp}). A corpus case comes with its
 * entry point, transport (method, path, headers) and settings from its sidecar; {@code
 * ID@PROVIDER/ENTRY} ({@code azure/eventgrid/storage-blob-created@azure/eventgrid}) sends a case's
 * body through another entry point instead (its transport goes with it only to an HTTP entry
 * point).
 */
final class EventFiles {
  private EventFiles() {}

  /** An argument that is no file, directory or corpus id. */
  static final class NotFound extends RuntimeException {
    private static final long serialVersionUID = 1L;

    NotFound(String message) {
      super(message);
    }
  }

  /**
   * The events the arguments name, in order.
   *
   * @throws NotFound naming the first argument that is neither a file, a directory nor a corpus id
   */
  static List<Incoming> read(List<String> args) {
    List<Incoming> out = new ArrayList<>();
    for (String arg : args) {
      Path p = Path.of(arg);
      if (Files.isRegularFile(p)) {
        out.add(Incoming.bytes(arg, bytes(p)));
      } else if (Files.isDirectory(p)) {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(p)) {
          files =
              walk.filter(Files::isRegularFile)
                  .filter(f -> f.getFileName().toString().endsWith(".json"))
                  .filter(f -> !f.getFileName().toString().endsWith(".expected.json"))
                  .sorted()
                  .toList();
        } catch (IOException e) {
          throw new UncheckedIOException("cannot list " + arg, e);
        }
        files.forEach(f -> out.add(Incoming.bytes(f.toString(), bytes(f))));
      } else if (arg.indexOf('@') > 0) {
        out.addAll(throughEntryPoint(arg));
      } else {
        List<String> ids = corpusIds(arg);
        if (ids.isEmpty()) {
          throw new NotFound(
              arg
                  + ": no such file or directory, and no conformance corpus id or prefix"
                  + " (e.g. aws/s3/s3-put-sam, gcp/storage; see `list`)");
        }
        ids.forEach(id -> out.add(corpusCase(ConformanceCorpus.get(id))));
      }
    }
    return out;
  }

  /** {@code ID@PROVIDER/ENTRY}: every case the id or prefix names, through that entry point. */
  private static List<Incoming> throughEntryPoint(String arg) {
    int at = arg.lastIndexOf('@');
    String target = arg.substring(at + 1);
    int slash = target.indexOf('/');
    EntryPoint entry =
        (slash < 0
                ? Optional.<EntryPoint>empty()
                : EntryPoint.of(target.substring(0, slash), target.substring(slash + 1)))
            .orElseThrow(
                () ->
                    new NotFound(
                        arg
                            + ": '"
                            + target
                            + "' is no entry point; name one as provider/entry: "
                            + EntryPoint.labels()));
    List<String> ids = corpusIds(arg.substring(0, at));
    if (ids.isEmpty()) {
      throw new NotFound(
          arg.substring(0, at) + ": no conformance corpus id or prefix (e.g. aws/s3/s3-put-sam)");
    }
    List<Incoming> out = new ArrayList<>();
    for (String id : ids) {
      Incoming recorded = corpusCase(ConformanceCorpus.get(id));
      out.add(
          entry.isHttp()
              ? recorded.withEntryPoint(entry)
              : new Incoming(
                  recorded.label(),
                  null,
                  null,
                  null,
                  io.github.cloudeventshandler.core.Headers.empty(),
                  recorded.body(),
                  recorded.settings(),
                  entry));
    }
    return out;
  }

  /** The corpus ids equal to {@code arg} or under it ({@code aws/s3} → every S3 case). */
  static List<String> corpusIds(String arg) {
    String a = arg.endsWith("/") ? arg.substring(0, arg.length() - 1) : arg;
    if (a.isEmpty()) {
      return List.of();
    }
    return ConformanceCorpus.index().stream()
        .filter(id -> id.equals(a) || id.startsWith(a + "/"))
        .toList();
  }

  private static Incoming corpusCase(ConformanceCase c) {
    EntryPoint entry = EntryPoint.of(c.provider(), c.entryPoint()).orElse(null);
    return c.transport()
        .map(
            t ->
                new Incoming(
                    c.id(),
                    t.method(),
                    t.path(),
                    t.query().orElse(null),
                    t.headers(),
                    c.input(),
                    c.settings(),
                    entry))
        .orElseGet(
            () ->
                new Incoming(
                    c.id(),
                    null,
                    null,
                    null,
                    io.github.cloudeventshandler.core.Headers.empty(),
                    c.input(),
                    c.settings(),
                    entry));
  }

  private static byte[] bytes(Path p) {
    try {
      return Files.readAllBytes(p);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + p, e);
    }
  }
}
