package io.github.cloudeventshandler.servlet;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Where the preload probes record that their static initialisers ran. */
final class PreloadMarks {
  static final Set<String> INITIALISED = ConcurrentHashMap.newKeySet();

  private PreloadMarks() {}
}
