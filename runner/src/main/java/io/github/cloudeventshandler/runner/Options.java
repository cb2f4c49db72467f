package io.github.cloudeventshandler.runner;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The parsed command line.
 *
 * @param command {@code replay}, {@code serve}, {@code explain}, {@code list} or {@code help}
 * @param app the application class ({@code --app}), or null for {@code CEH_APPLICATION}
 * @param classpath where the application's classes are ({@code --classpath}), or null
 * @param provider {@code --provider}, or null
 * @param port {@code --port} (serve)
 * @param allowCallbacks {@code --allow-callbacks}
 * @param width how many characters of the answer to print
 * @param quiet no progress line
 * @param verbose INFO logging
 * @param thenGet {@code --then-get PATH}: replay prints the app's answer to {@code GET PATH} at the
 *     end, or null
 * @param files the FILE / DIR / corpus id arguments
 */
record Options(
    String command,
    String app,
    String classpath,
    String provider,
    int port,
    boolean allowCallbacks,
    int width,
    boolean quiet,
    boolean verbose,
    String thenGet,
    List<String> files) {

  static final Set<String> COMMANDS = Set.of("replay", "serve", "explain", "list", "help");
  static final Set<String> PROVIDERS = Set.of("aws", "gcp", "azure", "http");

  Options {
    files = List.copyOf(files);
  }

  /** A usage error: exit code 2. */
  static final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message);
    }
  }

  /**
   * Parses the arguments.
   *
   * @throws UsageException naming the bad argument
   */
  static Options parse(String[] args) {
    String command = null;
    String app = null;
    String classpath = null;
    String provider = null;
    int port = 8080;
    boolean allowCallbacks = false;
    int width = 100;
    boolean quiet = false;
    boolean verbose = false;
    String thenGet = null;
    List<String> files = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      String value = null;
      int eq = a.indexOf('=');
      if (a.startsWith("--") && eq > 0) {
        value = a.substring(eq + 1);
        a = a.substring(0, eq);
      }
      switch (a) {
        case "-h", "--help" -> command = "help";
        case "--app" -> app = value != null ? value : next(args, ++i, a);
        case "--classpath", "-cp" -> classpath = value != null ? value : next(args, ++i, a);
        case "--provider" -> {
          provider = value != null ? value : next(args, ++i, a);
          if (!PROVIDERS.contains(provider)) {
            throw new UsageException(
                "--provider must be aws, gcp, azure or http, not '" + provider + "'");
          }
        }
        case "--port" -> port = number(value != null ? value : next(args, ++i, a), a, 0, 65535);
        case "--width" ->
            width = number(value != null ? value : next(args, ++i, a), a, 10, 100_000);
        case "--then-get" -> {
          thenGet = value != null ? value : next(args, ++i, a);
          if (!thenGet.startsWith("/")) {
            throw new UsageException(
                "--then-get takes a path starting with /, not '" + thenGet + "'");
          }
        }
        case "--allow-callbacks" -> allowCallbacks = true;
        case "--quiet", "-q" -> quiet = true;
        case "--verbose", "-v" -> verbose = true;
        default -> {
          if (a.startsWith("-") && a.length() > 1) {
            throw new UsageException("unknown option " + a + " (see --help)");
          }
          if (command == null) {
            if (!COMMANDS.contains(a)) {
              throw new UsageException(
                  "unknown command '" + a + "': use replay, serve, explain, list or --help");
            }
            command = a;
          } else if (!command.equals("help")) {
            files.add(a);
          }
        }
      }
    }
    if (command == null) {
      throw new UsageException("no command: use replay, serve, explain, list or --help");
    }
    if ((command.equals("replay") || command.equals("explain")) && files.isEmpty()) {
      throw new UsageException(command + " needs at least one FILE, DIR or corpus id");
    }
    if (command.equals("serve") && !files.isEmpty()) {
      throw new UsageException("serve takes no files: " + files);
    }
    return new Options(
        command,
        app,
        classpath,
        provider,
        port,
        allowCallbacks,
        width,
        quiet,
        verbose,
        thenGet,
        files);
  }

  private static String next(String[] args, int i, String option) {
    if (i >= args.length) {
      throw new UsageException(option + " needs a value");
    }
    return args[i];
  }

  private static int number(String s, String option, int min, int max) {
    try {
      int n = Integer.parseInt(s);
      if (n < min || n > max) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw new UsageException(option + " must be a number from " + min + " to " + max);
    }
  }
}
