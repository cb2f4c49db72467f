package io.github.cloudeventshandler.runner;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The {@code CEH_*} settings a delivery runs with, as {@code explain} and {@code replay} print
 * them: each with its value and where it came from, in the order they override each other (the
 * runner's defaults, then the environment, then a corpus case's own settings, then {@code -Dceh.*}
 * system properties, as {@link Session#configuration} merges them). Values of settings that hold
 * secrets (keys, tokens, passwords) are not printed.
 */
final class Settings {
  private Settings() {}

  /**
   * One {@code NAME=value (origin)} entry per setting in effect, sorted by name; empty when every
   * setting is at its default.
   */
  static List<String> describe(
      Map<String, String> environment, Properties properties, Map<String, String> caseSettings) {
    Map<String, String[]> effective = new TreeMap<>();
    Session.RUNNER_DEFAULTS.forEach((k, v) -> effective.put(k, new String[] {v, "runner default"}));
    environment.forEach(
        (k, v) -> {
          if (k.startsWith("CEH_")) {
            effective.put(k, new String[] {v, "environment"});
          }
        });
    caseSettings.forEach((k, v) -> effective.put(k, new String[] {v, "corpus case"}));
    for (String name : properties.stringPropertyNames()) {
      if (name.startsWith("ceh.")) {
        effective.put(
            name.toUpperCase(Locale.ROOT).replace('.', '_'),
            new String[] {properties.getProperty(name), "-D" + name});
      }
    }
    List<String> out = new ArrayList<>();
    effective.forEach((k, v) -> out.add(entry(k, v[0]) + " (" + v[1] + ")"));
    return out;
  }

  /** {@code NAME=value}, or {@code NAME=(hidden)} for a setting that holds a secret. */
  static String entry(String name, String value) {
    return name + "=" + (secret(name) ? "(hidden)" : value);
  }

  /** {@code NAME=value, ...} of these settings, sorted by name. */
  static String list(Map<String, String> settings) {
    List<String> out = new ArrayList<>();
    new TreeMap<>(settings).forEach((k, v) -> out.add(entry(k, v)));
    return String.join(", ", out);
  }

  private static boolean secret(String name) {
    String n = name.toUpperCase(Locale.ROOT);
    return n.contains("KEY")
        || n.contains("SECRET")
        || n.contains("TOKEN")
        || n.contains("PASSWORD");
  }
}
