package io.github.cloudeventshandler.servlet;

/** A second probe, listed in the {@code [start]} section. */
final class PreloadProbeTwo {
  static {
    PreloadMarks.INITIALISED.add(PreloadProbeTwo.class.getName());
  }

  private PreloadProbeTwo() {}
}
