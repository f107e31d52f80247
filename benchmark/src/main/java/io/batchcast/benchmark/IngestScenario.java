package io.batchcast.benchmark;

import io.batchcast.benchmark.baseline.UnaryEcho;
import io.batchcast.benchmark.gateway.Gateway;
import io.batchcast.benchmark.gateway.OrderBatches;
import io.batchcast.benchmark.measure.CpuCounter;
import io.batchcast.benchmark.measure.PrometheusText;
import io.batchcast.benchmark.measure.WarmUp;
import io.batchcast.benchmark.report.ScenarioResult;
import io.batchcast.proto.v1.SubmitOrderBatchResponse;
import java.util.ArrayList;
import java.util.List;

/**
 * SubmitOrderBatch with 10 LIMIT creates, closed loop, against a raw grpc-java unary echo of the same request and
 * response sizes on the same machine: how much of gRPC's own ceiling the gateway keeps while it validates,
 * executes, persists and publishes. Each caller is its own strategy engine (own user, own strategy), as in
 * production where one strategy submits its batches in sequence. Besides the rates, the CPU per call (server and
 * harness processes together, both sides of the wire; on PostgreSQL the server's database backends too) is reported:
 * {@code cpu_ratio} = echo CPU per call / gateway CPU per call is the same comparison made with the resource a busy
 * neighbour on a shared machine disturbs least. Both loops are warmed until their CPU per call is steady, then
 * measured without a pause.
 */
final class IngestScenario implements Scenario {

    static final int OPERATIONS = 10;

    @Override
    public String name() {
        return "ingest";
    }

    @Override
    public ScenarioResult run(BenchContext context) throws Exception {
        RunSizes sizes = context.sizes;
        ServerCpu cpu = ServerCpu.of(context, context.server());
        List<Gateway> engines = new ArrayList<>();
        List<Long> strategies = new ArrayList<>();
        for (int c = 0; c < sizes.ingestCallers(); c++) {
            Gateway engine = context.gateway("bench-ingest-" + c);
            engines.add(engine);
            strategies.add(engine.createStrategy("ingest " + c));
        }
        var sample = OrderBatches.limitOrders(strategies.getFirst(), OPERATIONS);
        SubmitOrderBatchResponse sampleResponse = engines.getFirst().submit(sample);
        int requestBytes = sample.getSerializedSize();
        int responseBytes = sampleResponse.getSerializedSize();
        WarmUp.Plan plan = context.warmUp(90, 240);
        context.console.say(name(), "gateway: %d callers, warm-up until steady (%s), then %d s (request %d B, response %d B)",
                sizes.ingestCallers(), plan.describe(), sizes.ingestSeconds(), requestBytes, responseBytes);
        WarmUp.Outcome warmUp;
        ClosedLoop.Outcome gateway;
        try (ClosedLoop loop = new ClosedLoop(sizes.ingestCallers(), c -> engines.get(c).submit(
                OrderBatches.limitOrders(strategies.get(c), OPERATIONS)))) {
            warmUp = WarmUp.run(plan, seconds -> loop.warmUpWindow(seconds, cpu.server()),
                    w -> context.sayWindow(name(), "gateway", w));
            context.console.say(name(), "gateway warm-up %s", warmUp.summary());
            gateway = loop.measure(sizes.ingestSeconds(), cpu.watched());
        }
        ServerCpu.PerBatch perBatch = cpu.perBatch(gateway);
        context.console.say(name(), "gateway: %.0f batches/s (%d errors), %.2f ms CPU per batch (server %s, client %.2f)",
                gateway.perSecond(), gateway.errors(), perBatch.total(), perBatch.describeServer(), perBatch.client());
        DiskUse disk = diskUse(context);
        if (disk != null) {
            context.console.say(name(), "disk: %,d bytes in the embedded database for %,d batches: %,.0f bytes per batch",
                    disk.bytes(), disk.batches(), disk.bytesPerBatch());
        }
        WarmUp.Outcome echoWarmUp;
        ClosedLoop.Outcome echo;
        CpuCounter harness = BenchContext.harnessCpu();
        try (UnaryEcho baseline = new UnaryEcho(responseBytes)) {
            byte[] request = sample.toByteArray();
            try (ClosedLoop loop = new ClosedLoop(sizes.ingestCallers(), c -> baseline.call(request))) {
                echoWarmUp = WarmUp.run(context.warmUp(60, 60), seconds -> loop.warmUpWindow(seconds, harness),
                        w -> context.sayWindow(name(), "echo", w));
                context.console.say(name(), "echo warm-up %s", echoWarmUp.summary());
                echo = loop.measure(sizes.ingestSeconds(), harness);
            }
        }
        context.console.say(name(), "echo:    %.0f calls/s, %.3f ms CPU per call (server + client)", echo.perSecond(),
                echo.cpuMillisPerCall());
        ScenarioResult result = new ScenarioResult(name());
        if (disk != null) {
            result.figure("ingest.disk_bytes_per_retained_batch", Math.round(disk.bytesPerBatch()))
                    .raw("disk_bytes", disk.bytes())
                    .raw("disk_retained_batches", disk.batches());
        }
        result.figure("ingest.ratio", NetworkScenario.round(gateway.perSecond() / echo.perSecond(), 4))
                .raw("batches_per_s", NetworkScenario.round(gateway.perSecond(), 1))
                .raw("operations_per_s", NetworkScenario.round(gateway.perSecond() * OPERATIONS, 1))
                .raw("echo_per_s", NetworkScenario.round(echo.perSecond(), 1))
                .raw("callers", sizes.ingestCallers())
                .raw("operations_per_batch", OPERATIONS)
                .raw("request_bytes", requestBytes)
                .raw("response_bytes", responseBytes)
                .raw("gateway_errors", gateway.errors())
                .raw("gateway_first_error", gateway.firstError())
                .raw("echo_errors", echo.errors())
                .raw("measured_seconds", sizes.ingestSeconds());
        perBatch.addTo(result, "gateway_");
        result.raw("echo_cpu_ms_per_call", NetworkScenario.round(echo.cpuMillisPerCall(), 3))
                .raw("cpu_ratio", NetworkScenario.round(echo.cpuMillisPerCall() / perBatch.total(), 4));
        warmUp.asRaw("warmup").forEach(result::raw);
        echoWarmUp.asRaw("echo_warmup").forEach(result::raw);
        return result;
    }

    record DiskUse(long bytes, long batches) {
        double bytesPerBatch() {
            return (double) bytes / Math.max(batches, 1);
        }
    }

    /**
     * The embedded database files' size (SQLite's database and WAL) over the batches the server executed so far (its
     * {@code batchcast_batches_total{outcome="executed"}}; retention keeps every one of them within a run: 7 days,
     * 10,000 events per stream). Null on another database.
     */
    private static DiskUse diskUse(BenchContext context) throws java.io.IOException, InterruptedException {
        var files = context.embeddedDatabaseFiles();
        if (files.isEmpty() || !java.nio.file.Files.exists(files.getFirst())) {
            return null;
        }
        long bytes = 0;
        for (var file : files) {
            bytes += java.nio.file.Files.exists(file) ? java.nio.file.Files.size(file) : 0;
        }
        double executed = PrometheusText.sum(context.server().metrics(), "batchcast_batches_total",
                "outcome=\"executed\"").orElse(0);
        return new DiskUse(bytes, (long) executed);
    }
}
