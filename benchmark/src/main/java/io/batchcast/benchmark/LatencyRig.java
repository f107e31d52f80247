package io.batchcast.benchmark;

import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.Futures;
import com.google.common.util.concurrent.MoreExecutors;
import io.batchcast.benchmark.gateway.Gateway;
import io.batchcast.benchmark.gateway.OrderBatches;
import io.batchcast.benchmark.measure.DeliveryLatency;
import io.batchcast.benchmark.measure.OpenLoopSender;
import io.batchcast.benchmark.server.ServerProcess;
import io.batchcast.benchmark.sse.LoopbackAddresses;
import io.batchcast.benchmark.sse.SseAudience;
import io.batchcast.benchmark.sse.SseConnection;
import io.batchcast.benchmark.sse.SseEndpoint;
import io.batchcast.benchmark.sse.SseFrame;
import io.batchcast.proto.v1.SubmitOrderBatchResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntPredicate;

/**
 * {@code strategies} strategy engines (one user each), {@code readersPerStrategy} SSE readers on each strategy, and
 * an open-loop sender that submits 10-operation batches round-robin over the strategies at a fixed rate. Every
 * reader's frame is timed from its batch's intended send time; a {@link Phase} is one such measured window. The
 * readers picked as {@code slow} are left out of the latencies, so phases with and without them paused compare the
 * same healthy readers.
 */
final class LatencyRig implements AutoCloseable {

    private final BenchContext context;
    private final List<Gateway> engines = new ArrayList<>();
    private final List<Long> strategyIds = new ArrayList<>();
    private final int readersPerStrategy;
    private final SseAudience audience = new SseAudience();
    private final IntPredicate slow;
    private volatile DeliveryLatency current = new DeliveryLatency();
    private final AtomicLong inFlight = new AtomicLong();

    LatencyRig(BenchContext context, ServerProcess server, String name, int strategies, int readersPerStrategy,
               IntPredicate slow) throws Exception {
        this.context = context;
        this.readersPerStrategy = readersPerStrategy;
        this.slow = slow;
        for (int s = 0; s < strategies; s++) {
            Gateway engine = context.gateway("bench-" + name + "-" + s);
            engines.add(engine);
            strategyIds.add(engine.createStrategy(name + " " + s));
        }
        audience.open(0, strategies * readersPerStrategy, reader -> SseEndpoint.loopback(server.httpPort,
                Gateway.eventsPath(strategyIds.get(reader / readersPerStrategy)),
                engines.get(reader / readersPerStrategy).token()), slow, LoopbackAddresses.defaults(),
                this::onFrame);
        if (audience.failures() > 0) {
            throw new IllegalStateException(audience.failures() + " of " + strategies * readersPerStrategy
                    + " readers failed to connect, first: " + audience.firstFailure());
        }
    }

    private void onFrame(int reader, SseFrame frame, long receivedNanos) {
        if ("order_batch_update".equals(frame.event()) && !slow.test(reader)) {
            current.delivered(frame.jsonString("batch_id"), receivedNanos);
        }
    }

    int readers() {
        return audience.connected();
    }

    int healthyReadersPerStrategy(int strategy) {
        int healthy = 0;
        for (int r = strategy * readersPerStrategy; r < (strategy + 1) * readersPerStrategy; r++) {
            healthy += slow.test(r) ? 0 : 1;
        }
        return healthy;
    }

    /** The slow readers stop reading (true) or read again (false). */
    void pauseSlowReaders(boolean pause) {
        for (SseConnection connection : audience.connections()) {
            if (slow.test(connection.reader())) {
                if (pause) {
                    connection.pause();
                } else {
                    connection.resume();
                }
            }
        }
    }

    /** Slow readers whose stream the server has ended or reset. */
    long slowReadersClosedByServer() {
        return audience.connections().stream()
                .filter(c -> slow.test(c.reader()) && c.closedByPeer()).count();
    }

    /** One measured window: warm-up, then {@code seconds} at {@code rate} batches/s, then a grace for stragglers. */
    Phase run(String scenario, double rate, int warmupSeconds, int seconds) throws InterruptedException {
        DeliveryLatency latency = new DeliveryLatency();
        current = latency;
        AtomicLong errors = new AtomicLong();
        AtomicReference<String> firstError = new AtomicReference<>();
        OpenLoopSender sender = new OpenLoopSender(rate);
        long start = System.nanoTime();
        latency.recordFrom(start + OpenLoopSender.seconds(warmupSeconds));
        Thread progress = Thread.ofVirtual().start(() -> report(scenario, latency, start, warmupSeconds + seconds));
        long[] next = {0};
        long sent = sender.run(OpenLoopSender.seconds(warmupSeconds + seconds), due -> {
            int s = (int) (next[0]++ % engines.size());
            submit(s, due, latency, errors, firstError);
        });
        awaitStragglers(latency);
        progress.interrupt();
        awaitInFlight(scenario);
        return new Phase(latency, sent, errors.get(), firstError.get(), rate, seconds);
    }

    private void submit(int s, long due, DeliveryLatency latency, AtomicLong errors, AtomicReference<String> first) {
        inFlight.incrementAndGet();
        var future = engines.get(s).submitAsync(OrderBatches.limitOrders(strategyIds.get(s), IngestScenario.OPERATIONS));
        int expected = healthyReadersPerStrategy(s);
        Futures.addCallback(future, new FutureCallback<SubmitOrderBatchResponse>() {
            @Override
            public void onSuccess(SubmitOrderBatchResponse response) {
                inFlight.decrementAndGet();
                latency.accepted(response.getBatchId(), due, expected);
            }

            @Override
            public void onFailure(Throwable t) {
                inFlight.decrementAndGet();
                errors.incrementAndGet();
                first.compareAndSet(null, t.toString());
            }
        }, MoreExecutors.directExecutor());
    }

    private static void awaitStragglers(DeliveryLatency latency) throws InterruptedException {
        long deadline = System.nanoTime() + OpenLoopSender.seconds(10);
        while (latency.deliveries() < latency.expectedDeliveries() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        Thread.sleep(200);
    }

    /**
     * An overloaded server still holds the submits queued behind the open loop (each with a 30 s deadline); the next
     * measurement must not start behind them.
     */
    private void awaitInFlight(String scenario) throws InterruptedException {
        if (inFlight.get() > 0) {
            context.console.say(scenario, "waiting for %d submits still in flight", inFlight.get());
        }
        long deadline = System.nanoTime() + OpenLoopSender.seconds(40);
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
    }

    private void report(String scenario, DeliveryLatency latency, long start, int totalSeconds) {
        try {
            while (true) {
                Thread.sleep(5000);
                var h = latency.snapshot();
                context.console.say(scenario, "%4.0f/%d s  deliveries %d  p50 %.1f ms  p99 %.1f ms",
                        (System.nanoTime() - start) / 1e9, totalSeconds, latency.deliveries(),
                        h.getValueAtPercentile(50) / 1e6, h.getValueAtPercentile(99) / 1e6);
            }
        } catch (InterruptedException done) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        audience.close();
    }

    /** The outcome of one measured window. */
    record Phase(DeliveryLatency latency, long sent, long errors, String firstError, double rate, int seconds) {

        double percentileMillis(double percentile) {
            return NetworkScenario.round(latency.snapshot().getValueAtPercentile(percentile) / 1e6, 3);
        }

        long lost() {
            return Math.max(0, latency.expectedDeliveries() - latency.deliveries());
        }
    }
}
