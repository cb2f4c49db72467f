package io.github.cloudeventshandler.benchmarks.driver;

/**
 * Forces a full collection every few milliseconds until stopped and keeps the most heap in use
 * right after one: the live data of whatever runs meanwhile, sampled without guessing which objects
 * a young collection merely promoted.
 */
final class LiveSampler implements Runnable {
  private final long periodMillis;
  private volatile boolean stopped;
  private volatile long maxLive;
  private volatile int samples;

  LiveSampler(long periodMillis) {
    this.periodMillis = periodMillis;
  }

  @Override
  public void run() {
    while (!stopped) {
      System.gc();
      long used = HeapWatch.used();
      if (used > maxLive) {
        maxLive = used;
      }
      samples++;
      try {
        Thread.sleep(periodMillis);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  void stop() {
    stopped = true;
  }

  long maxLive() {
    return maxLive;
  }

  int samples() {
    return samples;
  }
}
