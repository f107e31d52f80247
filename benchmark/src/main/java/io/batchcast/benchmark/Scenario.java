package io.batchcast.benchmark;

import io.batchcast.benchmark.report.ScenarioResult;

/** One measurement of the benchmark (or the batch-latency goal); fills a result with named figures and raw numbers. */
interface Scenario {

    String name();

    ScenarioResult run(BenchContext context) throws Exception;
}
