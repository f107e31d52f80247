package io.batchcast.benchmark;

import io.batchcast.benchmark.report.ScenarioResult;

/** One measurement of issue 7 (or issue 3's batch goal); fills a result with named figures and raw numbers. */
interface Scenario {

    String name();

    ScenarioResult run(BenchContext context) throws Exception;
}
