package io.batchcast.benchmark;

/**
 * How big each scenario is in the quick profile (7–10 minutes with its warm-ups, for a laptop or CI) and the full
 * one (under 30 minutes). The write-path scenarios warm up until steady (BenchContext#warmUp), so they have no
 * fixed warm-up here. Both send the latency scenario's batches at the target's 500/s, so a quick run says where we
 * stand.
 */
record RunSizes(String profile,
                int networkBatches,
                int ingestCallers, int ingestSeconds,
                int latencyStrategies, int latencyReadersPerStrategy, int latencyRate, int latencySeconds,
                int fanoutReaders, int fanoutEvents, int fanoutRounds,
                int connections, int connectionSteps, int heartbeatSeconds,
                int slowStrategies, int slowReadersPerStrategy, int slowRate, int slowWarmupSeconds, int slowSeconds,
                int batchOperations, int batchCount) {

    static RunSizes quick() {
        return new RunSizes("quick", 5,
                16, 12,
                100, 10, 500, 20,
                1_000, 30, 3,
                10_000, 4, 5,
                10, 100, 100, 10, 15,
                100, 100);
    }

    static RunSizes full() {
        return new RunSizes("full", 10,
                32, 60,
                100, 10, 500, 120,
                10_000, 50, 3,
                50_000, 10, 5,
                20, 100, 200, 10, 60,
                100, 500);
    }
}
