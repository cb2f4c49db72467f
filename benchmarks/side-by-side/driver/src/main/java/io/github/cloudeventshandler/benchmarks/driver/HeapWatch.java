package io.github.cloudeventshandler.benchmarks.driver;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * The heap as every garbage collection sees it, from the JVM's GC notifications: the most heap in
 * use just before a collection (the peak occupancy, garbage included) and the most still in use
 * just after one (the live data at that moment). Reset before each measured call; read after it.
 */
final class HeapWatch {
  private final Set<String> heapPools = new HashSet<>();
  private long maxBefore;
  private long maxAfter;
  private int collections;

  private HeapWatch() {}

  /** Listens to every collector of this JVM from now on. */
  static HeapWatch start() {
    HeapWatch watch = new HeapWatch();
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        watch.heapPools.add(pool.getName());
      }
    }
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      ((NotificationEmitter) gc)
          .addNotificationListener(
              (n, handback) -> {
                if (n.getType()
                    .equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
                  var info =
                      GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
                  watch.record(
                      watch.heap(info.getGcInfo().getMemoryUsageBeforeGc()),
                      watch.heap(info.getGcInfo().getMemoryUsageAfterGc()));
                }
              },
              null,
              null);
    }
    return watch;
  }

  /** The heap's share of a collection's pools (they include metaspace and the code cache). */
  private long heap(Map<String, MemoryUsage> pools) {
    long used = 0;
    for (var e : pools.entrySet()) {
      if (heapPools.contains(e.getKey())) {
        used += e.getValue().getUsed();
      }
    }
    return used;
  }

  private synchronized void record(long before, long after) {
    maxBefore = Math.max(maxBefore, before);
    maxAfter = Math.max(maxAfter, after);
    collections++;
  }

  synchronized void reset() {
    maxBefore = 0;
    maxAfter = 0;
    collections = 0;
  }

  synchronized long maxBeforeGc() {
    return maxBefore;
  }

  synchronized long maxAfterGc() {
    return maxAfter;
  }

  synchronized int collections() {
    return collections;
  }

  /** The heap in use now. */
  static long used() {
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
