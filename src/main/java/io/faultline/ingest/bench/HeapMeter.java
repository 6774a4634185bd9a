package io.faultline.ingest.bench;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;

/**
 * The heap as the JVM's management beans see it, for the benchmarks: the heap pools' peaks since a reset (their sum:
 * each pool's own peak, so a little above the true simultaneous peak), the collectors' time and runs, and the heap in
 * use after a full collection.
 */
public final class HeapMeter {
    private HeapMeter() {
    }

    /** Starts the pools' peaks afresh from what each holds now. */
    public static void resetPeaks() {
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                p.resetPeakUsage();
            }
        }
    }

    /** The sum of the heap pools' peak use since {@link #resetPeaks()}. */
    public static long peakBytes() {
        long sum = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP && p.getPeakUsage() != null) {
                sum += p.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    /** Milliseconds the collectors have spent since the JVM started. */
    public static long gcMillis() {
        long sum = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            sum += Math.max(0, gc.getCollectionTime());
        }
        return sum;
    }

    /** Collections run since the JVM started. */
    public static long gcCount() {
        long sum = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            sum += Math.max(0, gc.getCollectionCount());
        }
        return sum;
    }

    /**
     * The heap in use after a full collection: what is still reachable. {@link System#gc()} is a full, stop-the-world
     * collection with the default collector (G1) unless {@code -XX:+DisableExplicitGC} is set; it runs twice so objects
     * kept by finalization-like cleanups of the first go too.
     */
    public static long usedAfterFullGc() {
        System.gc();
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
