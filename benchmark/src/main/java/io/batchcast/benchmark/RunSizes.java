package io.batchcast.benchmark;

/**
 * How big each scenario is in the quick profile (7–10 minutes with its warm-ups, for a laptop or CI) and the full
 * one (under 30 minutes). The warm-ups run until steady (BenchContext#warmUp), so the fixed warm-up fields
 * ({@code ingestWarmupSeconds}, {@code latencyWarmupSeconds}, {@code batchWarmup}) are no longer read (to be
 * removed). Both send the latency scenario's batches at the target's 500/s, so a quick run says where we stand.
 */
record RunSizes(String profile,
                int networkBatches,
                int ingestCallers, int ingestWarmupSeconds, int ingestSeconds,
                int latencyStrategies, int latencyReadersPerStrategy, int latencyRate, int latencyWarmupSeconds,
                int latencySeconds,
                int fanoutReaders, int fanoutEvents, int fanoutRounds,
                int connections, int connectionSteps, int heartbeatSeconds,
                int slowStrategies, int slowReadersPerStrategy, int slowRate, int slowWarmupSeconds, int slowSeconds,
                int batchOperations, int batchWarmup, int batchCount) {

    static RunSizes quick() {
        return new RunSizes("quick", 5,
                16, 5, 12,
                100, 10, 500, 5, 20,
                1_000, 30, 3,
                10_000, 4, 5,
                10, 100, 100, 10, 15,
                100, 20, 100);
    }

    static RunSizes full() {
        return new RunSizes("full", 10,
                32, 15, 60,
                100, 10, 500, 15, 120,
                10_000, 50, 3,
                50_000, 10, 5,
                20, 100, 200, 10, 60,
                100, 50, 500);
    }
}
