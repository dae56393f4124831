package org.fuyu.policy.examples.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * Watches the heap of this JVM: the highest heap use sampled every few milliseconds (garbage
 * included, so it mostly shows how much heap the collector was allowed to fill) and the highest
 * heap use left after a collection (the live data, what must fit in {@code -Xmx}).
 */
public final class HeapWatch implements AutoCloseable {
    private final Thread sampler;
    private final List<Runnable> unregister = new ArrayList<>();
    private volatile long peakUsed;
    private volatile long peakAfterGc;
    private volatile boolean running = true;

    public HeapWatch() {
        Set<String> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getName).collect(Collectors.toSet());
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                NotificationListener l = (n, handback) -> {
                    if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) {
                        return;
                    }
                    GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from(
                            (CompositeData) n.getUserData());
                    long after = 0;
                    for (var e : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
                        if (heapPools.contains(e.getKey())) {
                            after += e.getValue().getUsed();
                        }
                    }
                    if (after > peakAfterGc) {
                        peakAfterGc = after;
                    }
                };
                emitter.addNotificationListener(l, null, null);
                unregister.add(() -> {
                    try {
                        emitter.removeNotificationListener(l);
                    } catch (Exception ignored) {
                        // already gone
                    }
                });
            }
        }
        sampler = new Thread(() -> {
            var memory = ManagementFactory.getMemoryMXBean();
            while (running) {
                MemoryUsage u = memory.getHeapMemoryUsage();
                if (u.getUsed() > peakUsed) {
                    peakUsed = u.getUsed();
                }
                try {
                    Thread.sleep(2);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "fuyu-heap-watch");
        sampler.setDaemon(true);
        sampler.start();
    }

    /** Highest heap use sampled since the last reset, in bytes. */
    public long peakUsed() {
        return peakUsed;
    }

    /** Highest heap use after a collection since the last reset, in bytes (0 when no collection ran). */
    public long peakAfterGc() {
        return peakAfterGc;
    }

    public void reset() {
        peakUsed = 0;
        peakAfterGc = 0;
    }

    public static long maxHeap() {
        return Runtime.getRuntime().maxMemory();
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
        unregister.forEach(Runnable::run);
    }
}
