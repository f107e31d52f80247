package io.batchcast.benchmark;

import io.batchcast.benchmark.measure.CpuTicks;
import io.batchcast.benchmark.report.MachineInfo;
import io.batchcast.benchmark.report.Plots;
import io.batchcast.benchmark.report.RunReport;
import io.batchcast.benchmark.report.ScenarioResult;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code java -jar benchmark/target/batchcast-bench.jar [--quick] [--db-url URL] --out DIR}: starts the real server
 * jar, runs the benchmark scenarios (and the batch-latency goal) one after the other, and writes DIR/results.json,
 * DIR/report.md and the plots. A scenario that fails or cannot run is reported as such; the others still run.
 */
public final class BenchmarkMain {

    private static final String ERRORS = "harness-errors.log";

    private BenchmarkMain() {
    }

    public static void main(String[] args) throws Exception {
        HarnessJvm.runOnZgcIfDue(args);
        System.setProperty("java.awt.headless", "true");
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(BenchOptions.USAGE);
            System.exit(2);
            return;
        }
        if (!Files.isRegularFile(options.serverJar())) {
            System.err.println("server jar not found: " + options.serverJar().toAbsolutePath()
                    + " (build it with ./mvnw -q -DskipTests package, or pass --server-jar)");
            System.exit(2);
        }
        System.exit(run(options) ? 0 : 1);
    }

    static boolean run(BenchOptions options) throws Exception {
        RunSizes sizes = options.quick() ? RunSizes.quick() : RunSizes.full();
        Console console = new Console();
        Files.createDirectories(options.out());
        Map<String, Object> runInfo = new LinkedHashMap<>();
        runInfo.put("profile", sizes.profile());
        runInfo.put("scenarios", List.copyOf(options.only()));
        runInfo.put("server_jar", options.serverJar().toString());
        runInfo.put("harness_collector", HarnessJvm.collector());
        RunReport report = new RunReport(runInfo, MachineInfo.describe());
        console.say("bench", "%s run, results in %s", sizes.profile(), options.out().toAbsolutePath());
        LatencyScenario latency = new LatencyScenario();
        FanoutScenario fanout = new FanoutScenario();
        // one server run for all but the batch goal, which needs the paper exchange's latency set
        // connections runs late: pushed to the open-files limit, the server may lose its HTTP listener
        List<Scenario> scenarios = List.of(new NetworkScenario(), new IngestScenario(), latency, fanout,
                new SlowConsumerScenario(), new BurstScenario(), new ConnectionsScenario(), new ConnectionsScenario(64),
                new BatchLatencyScenario());
        boolean allRan = true;
        try (BenchContext context = new BenchContext(options, sizes, console)) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stopQuietly(context)));
            for (Scenario scenario : scenarios) {
                if (options.only().contains(scenario.name())) {
                    ScenarioResult result = runOne(scenario, context);
                    allRan &= result.status() != ScenarioResult.Status.FAILED;
                    report.add(result);
                }
            }
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("seconds", Math.round(console.elapsedSeconds()));
            summary.put("server_runs", context.serverRuns());
            context.databaseSettings().ifPresent(settings -> summary.put("database_settings", settings));
            report.finish(summary);
        }
        plot(report, latency, fanout, sizes, options, console);
        report.write(options.out());
        console.say("bench", "wrote %s, %s", options.out().resolve("results.json"), options.out().resolve("report.md"));
        report.targets().forEach(t -> console.say("bench", "%-34s %-12s %s %s", t.get("figure"),
                t.get("value") == null ? "–" : t.get("value"), t.get("target"),
                t.get("met") == null ? (t.get("value") == null ? "(not measured)" : "(full profile only)")
                        : (Boolean) t.get("met") ? "met" : "MISSED"));
        return allRan;
    }

    /** A steal share from which a scenario's figures are called disturbed: 2% of the machine's CPU time. */
    static final double DISTURBING_STEAL = 0.02;

    private static ScenarioResult runOne(Scenario scenario, BenchContext context) {
        context.console.say(scenario.name(), "starting");
        long start = System.nanoTime();
        CpuTicks ticks = CpuTicks.now();
        ScenarioResult result;
        try {
            result = scenario.run(context);
        } catch (Exception | Error e) {
            context.console.say(scenario.name(), "FAILED: %s (stack trace in %s)", firstLine(e), ERRORS);
            logError(context, scenario.name(), e);
            result = ScenarioResult.failed(scenario.name(), e);
        }
        // the machine is shared: a busy neighbour during a scenario shows up here, and in the host's steal
        double steal = CpuTicks.now().since(ticks).stealShare();
        if (steal >= DISTURBING_STEAL) {
            context.console.say(scenario.name(), "the host took %.1f%% of this machine's CPU time meanwhile (steal):"
                    + " this scenario's figures are disturbed", 100 * steal);
        }
        return result.seconds((System.nanoTime() - start) / 1e9).raw("load_average_after", MachineInfo.loadAverage())
                .raw("host_steal_share", NetworkScenario.round(steal, 4));
    }

    private static String firstLine(Throwable e) {
        String text = e.toString();
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline) + " ...";
    }

    private static void logError(BenchContext context, String scenario, Throwable e) {
        java.io.StringWriter trace = new java.io.StringWriter();
        e.printStackTrace(new java.io.PrintWriter(trace));
        try {
            Files.writeString(context.out().resolve(ERRORS), "== " + scenario + "\n" + trace + "\n",
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        } catch (java.io.IOException ignored) {
            System.out.println(trace);
        }
    }

    private static void plot(RunReport report, LatencyScenario latency, FanoutScenario fanout, RunSizes sizes,
                             BenchOptions options, Console console) {
        try {
            if (latency.phase() != null) {
                Plots.latencyHistogram(latency.phase().latency().snapshot(), sizes.latencyRate()
                        + " batches/s, " + sizes.latencyStrategies() * sizes.latencyReadersPerStrategy()
                        + " readers", options.out().resolve("latency-histogram.png"));
                report.addPlot("latency-histogram.png");
            }
            if (fanout.ours() != null && fanout.nchan() != null) {
                Plots.fanoutComparison(fanout.ours().deliveriesPerSecond(), fanout.nchan().deliveriesPerSecond(),
                        fanout.ours().readers(), options.out().resolve("fanout-comparison.png"));
                report.addPlot("fanout-comparison.png");
            }
        } catch (Exception | Error e) {
            console.say("bench", "plots failed: %s", e);
        }
    }

    private static void stopQuietly(BenchContext context) {
        try {
            context.stopServer();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
