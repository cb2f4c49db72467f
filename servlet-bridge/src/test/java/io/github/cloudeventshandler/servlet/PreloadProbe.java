package io.github.cloudeventshandler.servlet;

/** A class whose static initialiser leaves a mark, to prove that preloading never runs it. */
final class PreloadProbe {
  static {
    PreloadMarks.INITIALISED.add(PreloadProbe.class.getName());
  }

  private PreloadProbe() {}
}
