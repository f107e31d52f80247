package io.batchcast.benchmark;

import io.batchcast.benchmark.gateway.Gateway;
import io.batchcast.benchmark.measure.LinearFit;
import io.batchcast.benchmark.measure.PrometheusText;
import io.batchcast.benchmark.report.ScenarioResult;
import io.batchcast.benchmark.server.ProcessMemory;
import io.batchcast.benchmark.server.ServerProcess;
import io.batchcast.benchmark.sse.LoopbackAddresses;
import io.batchcast.benchmark.sse.SseAudience;
import io.batchcast.benchmark.sse.SseEndpoint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Idle SSE connections opened in steps up to the target, each step measured after a full GC: server RSS (VmRSS)
 * and heap in use; the cost of one connection is the least-squares slope over the steps, so fixed costs (JIT, pools,
 * the first connection's buffers) do not count against it. Opening stops at the first step where readers fail; that
 * step is recorded but left out of the fit, and the count is then what the last clean step held.
 *
 * <p>Run with one strategy per stream ({@code connections}: each reader on
 * {@code /api/v1/strategies/{id}/events}) or with many ({@code connections64}: each reader on {@code /api/v1/events}
 * of a user who owns 64 strategies, so every connection subscribes to all 64).
 */
final class ConnectionsScenario implements Scenario {

    /** Readers per user (each user's streams on one strategy, or on all of its strategies): under the stream limit. */
    private static final int READERS_PER_STRATEGY = 1000;
    private static final int WARM_UP_CONNECTIONS = 500;

    private final int strategiesPerStream;

    /** One strategy per stream. */
    ConnectionsScenario() {
        this(1);
    }

    /** @param strategiesPerStream 1: the per-strategy endpoint; more: {@code /api/v1/events} over that many */
    ConnectionsScenario(int strategiesPerStream) {
        this.strategiesPerStream = strategiesPerStream;
    }

    @Override
    public String name() {
        return strategiesPerStream == 1 ? "connections" : "connections" + strategiesPerStream;
    }

    private String path(List<Long> strategies, int reader) {
        return strategiesPerStream == 1 ? Gateway.eventsPath(strategies.get(reader / READERS_PER_STRATEGY))
                : "/api/v1/events";
    }

    @Override
    public ScenarioResult run(BenchContext context) throws Exception {
        RunSizes sizes = context.sizes;
        ServerProcess server = context.server();
        List<Gateway> engines = new ArrayList<>();
        List<Long> strategies = new ArrayList<>();
        for (int s = 0; s * READERS_PER_STRATEGY < sizes.connections(); s++) {
            engines.add(context.gateway("bench-" + name() + "-" + s));
            strategies.add(engines.getLast().createStrategy("idle " + s));
            for (int more = 1; more < strategiesPerStream; more++) {
                engines.getLast().createStrategy("idle " + s + "." + more);
            }
        }
        AtomicLong heartbeats = new AtomicLong();
        List<double[]> samples = new ArrayList<>();
        List<Map<String, Object>> steps = new ArrayList<>();
        String failure = null;
        awaitEarlierStreamsClosed(server, sizes, context);
        try (SseAudience audience = new SseAudience()) {
            // the first few hundred streams also pay one-time costs (pools, caches, JIT): they open before the baseline
            int warm = Math.min(WARM_UP_CONNECTIONS, sizes.connections() / 20);
            audience.open(0, warm, r -> SseEndpoint.loopback(server.httpPort, path(strategies, r),
                    engines.get(r / READERS_PER_STRATEGY).token()), r -> false,
                    LoopbackAddresses.defaults(), (r, frame, t) -> heartbeats.incrementAndGet());
            settle(sizes);
            ProcessMemory.LiveHeap heapBefore = liveHeap(server);
            samples.add(sample(server, heapBefore, audience.connected(), steps, context));
            List<Map<String, Object>> perConnection = List.of();
            int opened = warm;
            int lastGoodOpen = audience.connected();
            for (int step = 1; step <= sizes.connectionSteps() && failure == null; step++) {
                int to = (int) ((long) sizes.connections() * step / sizes.connectionSteps());
                audience.open(opened, to, r -> SseEndpoint.loopback(server.httpPort, path(strategies, r),
                        engines.get(r / READERS_PER_STRATEGY).token()), r -> false,
                        LoopbackAddresses.defaults(), (r, frame, t) -> heartbeats.incrementAndGet());
                opened = to;
                failure = audience.failures() > 0 ? audience.failures() + " readers failed ("
                        + audience.notAttempted() + " more not attempted), first: " + audience.firstFailure() : null;
                settle(sizes);
                ProcessMemory.LiveHeap heap = liveHeap(server);
                double[] point = sample(server, heap, audience.connected(), steps, context);
                if (failure == null) {
                    // a step where readers failed may have left the server in any state: it stays out of the fit
                    samples.add(point);
                    lastGoodOpen = audience.connected() - audience.closedByPeer();
                    perConnection = heapGrowthByClass(heapBefore.bytesByClass(), heap.bytesByClass(),
                            audience.connected() - warm);
                }
            }
            long beforeHold = heartbeats.get();
            Thread.sleep(sizes.heartbeatSeconds() * 2000L + 1000);
            int held = audience.connected() - audience.closedByPeer();
            context.console.say(name(), "%,d connections held for %d s (%,d heartbeats meanwhile)", held,
                    sizes.heartbeatSeconds() * 2 + 1, heartbeats.get() - beforeHold);
            boolean httpAlive = server.ready();
            if (!httpAlive) {
                // e.g. Helidon closes its listener for good on "Too many open files": later scenarios need a new one
                context.console.say(name(), "the server's HTTP listener no longer answers; it will be restarted");
            }
            // with a failed step, the count is what the last clean step held; the hold shows what survived after
            ScenarioResult result = result(samples, steps, failure == null ? held : lastGoodOpen, failure, server)
                    .raw("peak_opened", audience.connected())
                    .raw("held_after_hold", held)
                    .raw("heartbeats_during_hold", heartbeats.get() - beforeHold)
                    .raw("heap_bytes_per_connection_by_class", perConnection)
                    .raw("http_listener_answers_after", httpAlive);
            if (!httpAlive) {
                context.stopServer();
            }
            return result;
        }
    }

    /**
     * Readers of earlier scenarios have closed their sockets, but the server only notices when a write to them fails:
     * the first write after the close still succeeds (the peer answers it with a reset), the second fails. A quiet
     * stream writes half a keepalive every half heartbeat interval, so they are gone one interval after the close;
     * waiting two keeps their memory out of the baseline with room to spare.
     */
    private void awaitEarlierStreamsClosed(ServerProcess server, RunSizes sizes, BenchContext context)
            throws InterruptedException {
        Thread.sleep(sizes.heartbeatSeconds() * 2000L + 1000);
        context.console.say(name(), "server holds %,d open files before the first step",
                ProcessMemory.openFiles(server.pid()));
    }

    /**
     * Every new stream writes its first heartbeat before memory is sampled: some buffers are allocated on the first
     * write, and a stream that has never written is not what a real idle stream costs.
     */
    private static void settle(RunSizes sizes) throws InterruptedException {
        Thread.sleep(sizes.heartbeatSeconds() * 1000L + 1000);
    }

    /** The live heap after a full GC (bytes -1 and no classes when jcmd is unavailable). */
    private static ProcessMemory.LiveHeap liveHeap(ServerProcess server) throws Exception {
        return ProcessMemory.liveHeap(server.pid()).orElse(new ProcessMemory.LiveHeap(-1, Map.of()));
    }

    private double[] sample(ServerProcess server, ProcessMemory.LiveHeap liveHeap, int connections,
                            List<Map<String, Object>> steps, BenchContext context) throws Exception {
        long heap = liveHeap.bytes();
        long rss = ProcessMemory.rssBytes(server.pid());
        Map<String, Object> step = new LinkedHashMap<>();
        step.put("connections", connections);
        step.put("rss_bytes", rss);
        step.put("heap_used_after_gc_bytes", heap);
        step.put("server_open_files", ProcessMemory.openFiles(server.pid()));
        PrometheusText.sum(server.metrics(), "jvm_memory_used_bytes", "area=\"heap\"")
                .ifPresent(v -> step.put("metrics_heap_used_bytes", (long) v));
        steps.add(step);
        context.console.say(name(), "%,6d connections: RSS %,d KiB, heap after GC %,d KiB", connections, rss / 1024,
                heap / 1024);
        return new double[] {connections, rss, heap};
    }

    /** Where the heap growth went: the classes that grew most, in bytes per connection (profiling aid). */
    static List<Map<String, Object>> heapGrowthByClass(Map<String, Long> before, Map<String, Long> after,
                                                        int connections) {
        List<Map<String, Object>> rows = new ArrayList<>();
        after.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0L)))
                .filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(40)
                .forEach(e -> {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("class", e.getKey());
                    row.put("bytes_per_connection", Math.round((double) e.getValue() / Math.max(connections, 1)));
                    rows.add(row);
                });
        return rows;
    }

    /**
     * The larger of the RSS and heap slopes. On a fresh server RSS grows with the heap it commits; on a server that
     * earlier scenarios made commit a large heap, the streams' objects fill heap that is already resident and RSS
     * hardly moves (a full run measured 451 bytes of RSS against 23,190 of heap per connection), which would
     * report the memory a connection holds as nearly free.
     */
    static long bytesPerConnection(double rssSlope, double heapSlope) {
        return Math.round(Math.max(rssSlope, heapSlope));
    }

    private ScenarioResult result(List<double[]> samples, List<Map<String, Object>> steps, int held, String failure,
                                  ServerProcess server) {
        double[] x = samples.stream().mapToDouble(s -> s[0]).toArray();
        double rssSlope = LinearFit.slope(x, samples.stream().mapToDouble(s -> s[1]).toArray());
        double heapSlope = LinearFit.slope(x, samples.stream().mapToDouble(s -> s[2]).toArray());
        return new ScenarioResult(name())
                .figure(name() + ".count", held)
                .figure(name() + ".bytes_per_connection", bytesPerConnection(rssSlope, heapSlope))
                .raw("rss_bytes_per_connection", Math.round(rssSlope))
                .raw("heap_bytes_per_connection", Math.round(heapSlope))
                .raw("steps", steps)
                .raw("stopped_because", failure == null ? "target reached" : failure)
                .raw("server_pid", server.pid());
    }
}
