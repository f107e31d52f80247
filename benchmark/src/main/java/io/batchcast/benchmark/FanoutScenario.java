package io.batchcast.benchmark;

import io.batchcast.benchmark.baseline.NchanServer;
import io.batchcast.benchmark.gateway.Gateway;
import io.batchcast.benchmark.gateway.OrderBatches;
import io.batchcast.benchmark.report.ScenarioResult;
import io.batchcast.benchmark.server.ProcessMemory;
import io.batchcast.benchmark.server.ServerProcess;
import io.batchcast.benchmark.sse.SseEndpoint;
import java.util.Optional;

/**
 * One strategy, N readers: deliveries per second through the gateway, then the same payload (the gateway's own
 * frame data, with a fresh batch id per message) fanned out by nginx+Nchan to the same number of readers.
 */
final class FanoutScenario implements Scenario {

    private FanoutRounds.Outcome ours;
    private FanoutRounds.Outcome nchan;

    @Override
    public String name() {
        return "fanout";
    }

    FanoutRounds.Outcome ours() {
        return ours;
    }

    FanoutRounds.Outcome nchan() {
        return nchan;
    }

    @Override
    public ScenarioResult run(BenchContext context) throws Exception {
        RunSizes sizes = context.sizes;
        ServerProcess server = context.server();
        Gateway engine = context.gateway("bench-fanout");
        long strategy = engine.createStrategy("fanout");
        String payload;
        context.console.say(name(), "gateway: connecting %,d readers", sizes.fanoutReaders());
        try (FanoutRounds rounds = new FanoutRounds(sizes.fanoutReaders(), SseEndpoint.loopback(server.httpPort,
                Gateway.eventsPath(strategy), engine.token()))) {
            ours = rounds.run(sizes.fanoutRounds(), sizes.fanoutEvents(), e -> engine.submit(
                    OrderBatches.limitOrders(strategy, IngestScenario.OPERATIONS)).getBatchId(),
                    () -> ProcessMemory.cpuNanos(server.pid()), context.console, "gateway");
            payload = rounds.sampleData();
        }
        ScenarioResult result = new ScenarioResult(name())
                .raw("readers", ours.readers())
                .raw("events_per_round", sizes.fanoutEvents())
                .raw("rounds", sizes.fanoutRounds())
                .raw("gateway_deliveries_per_s", NetworkScenario.round(ours.deliveriesPerSecond(), 0))
                .raw("gateway_round_rates", ours.roundRates())
                .raw("gateway_delivery_p50_ms", NetworkScenario.round(ours.p50Millis(), 3))
                .raw("gateway_delivery_p99_ms", NetworkScenario.round(ours.p99Millis(), 3))
                .raw("gateway_lost", ours.lost())
                .raw("gateway_cpu_us_per_delivery", NetworkScenario.round(ours.cpuMicrosPerDelivery(), 2))
                .raw("gateway_warm_up_cpu_us_per_delivery", ours.warmUpCpuMicros());
        Optional<String> missing = NchanServer.unavailable();
        if (missing.isPresent()) {
            context.console.say(name(), "nchan baseline skipped: %s", missing.get());
            return result.raw("nchan", "skipped: " + missing.get());
        }
        nchan = runNchan(context, payload);
        return result
                .figure("fanout.ratio", NetworkScenario.round(ours.deliveriesPerSecond() / nchan.deliveriesPerSecond(), 4))
                .raw("nchan_deliveries_per_s", NetworkScenario.round(nchan.deliveriesPerSecond(), 0))
                .raw("nchan_round_rates", nchan.roundRates())
                .raw("nchan_delivery_p50_ms", NetworkScenario.round(nchan.p50Millis(), 3))
                .raw("nchan_delivery_p99_ms", NetworkScenario.round(nchan.p99Millis(), 3))
                .raw("nchan_lost", nchan.lost())
                .raw("nchan_cpu_us_per_delivery", NetworkScenario.round(nchan.cpuMicrosPerDelivery(), 2))
                .raw("nchan_warm_up_cpu_us_per_delivery", nchan.warmUpCpuMicros())
                .raw("cpu_ratio", NetworkScenario.round(nchan.cpuMicrosPerDelivery() / ours.cpuMicrosPerDelivery(), 4))
                .raw("payload_bytes", payload.length());
    }

    private FanoutRounds.Outcome runNchan(BenchContext context, String payload) throws Exception {
        RunSizes sizes = context.sizes;
        try (NchanServer nginx = NchanServer.start(context.out().toAbsolutePath().resolve("nchan"), sizes.fanoutReaders())) {
            context.console.say(name(), "nginx+nchan: connecting %,d readers", sizes.fanoutReaders());
            String batchId = jsonString(payload, "batch_id");
            try (FanoutRounds rounds = new FanoutRounds(sizes.fanoutReaders(), nginx.subscriberEndpoint())) {
                int[] sequence = {0};
                return rounds.run(sizes.fanoutRounds(), sizes.fanoutEvents(), e -> {
                    String id = freshId(batchId, ++sequence[0]);
                    nginx.publish(payload.replace(batchId, id));
                    return id;
                }, nginx::cpuNanos, context.console, "nchan");
            }
        }
    }

    /** A batch id of the same length as {@code template}, unique per message. */
    static String freshId(String template, int sequence) {
        String digits = Integer.toString(sequence);
        int pad = Math.max(0, template.length() - digits.length() - 1);
        return "n" + "0".repeat(pad) + digits;
    }

    private static String jsonString(String json, String member) {
        String key = "\"" + member + "\":\"";
        int start = json.indexOf(key) + key.length();
        return json.substring(start, json.indexOf('"', start));
    }
}
