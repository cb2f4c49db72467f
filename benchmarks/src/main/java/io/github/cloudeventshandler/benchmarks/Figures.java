package io.github.cloudeventshandler.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Samples of one figure (µs per invocation, ms per launch, records/s, MB) and the 1-minute load
 * average seen while each was taken, with what the side-by-side table prints: median (min–max).
 */
final class Figures {
  private final List<Double> values = new ArrayList<>();
  private final List<Double> loads = new ArrayList<>();

  /** Adds one sample and the load beside it. */
  void add(double value, double load) {
    values.add(value);
    loads.add(load);
  }

  /** Adds every sample of another series. */
  void addAll(Figures other) {
    values.addAll(other.values);
    loads.addAll(other.loads);
  }

  boolean isEmpty() {
    return values.isEmpty();
  }

  int count() {
    return values.size();
  }

  double median() {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  double min() {
    return Collections.min(values);
  }

  double max() {
    return Collections.max(values);
  }

  /** {@code 26.0 (25.1–27.3)}, or {@code –} when there is no sample. */
  String format(int decimals) {
    if (values.isEmpty()) {
      return "–";
    }
    if (values.size() == 1) {
      return number(median(), decimals);
    }
    return number(median(), decimals)
        + " ("
        + number(min(), decimals)
        + "–"
        + number(max(), decimals)
        + ")";
  }

  /** The load range while the samples were taken, {@code 0.52–1.30}. */
  String loadRange() {
    if (loads.isEmpty()) {
      return "–";
    }
    double lo = Collections.min(loads);
    double hi = Collections.max(loads);
    return lo == hi ? number(lo, 2) : number(lo, 2) + "–" + number(hi, 2);
  }

  static String number(double v, int decimals) {
    return String.format(Locale.ROOT, "%,." + decimals + "f", v);
  }

  /** The ratio of two medians, {@code 0.67}; {@code –} when either is missing. */
  static String ratio(Figures b, Figures a) {
    if (a.isEmpty() || b.isEmpty() || a.median() == 0) {
      return "–";
    }
    return number(b.median() / a.median(), 2);
  }

  /** The 1-minute load average now, or -1 where there is no {@code /proc/loadavg}. */
  static double load() {
    try {
      String s = Files.readString(Path.of("/proc/loadavg"));
      return Double.parseDouble(s.substring(0, s.indexOf(' ')));
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }
}
