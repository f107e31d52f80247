package io.batchcast.benchmark.measure;

/**
 * A cumulative CPU-time counter of something the harness watches (a process, a set of database backends): the CPU
 * used over a window is the difference of two readings.
 */
@FunctionalInterface
public interface CpuCounter {

    /** CPU time used so far, in nanoseconds; -1 when it cannot be read. */
    long cpuNanos();
}
