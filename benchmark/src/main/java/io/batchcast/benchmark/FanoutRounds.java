package io.batchcast.benchmark;

import io.batchcast.benchmark.measure.DeliveryLatency;
import io.batchcast.benchmark.sse.LoopbackAddresses;
import io.batchcast.benchmark.sse.SseAudience;
import io.batchcast.benchmark.sse.SseEndpoint;
import io.batchcast.benchmark.sse.SseFrame;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * One server's fan-out: N readers on one stream, then rounds of K events published one after the other (each
 * publish waits for its acknowledgement); a round's rate is N × K deliveries over the time from the first publish to
 * the last frame read, after one unmeasured warm-up round. The median round is reported, and the fanning server's
 * CPU per delivery over the measured rounds (which includes publishing: one submit or one POST per event).
 */
final class FanoutRounds implements AutoCloseable {

    /** Publishes one event and returns the batch id its frame will carry. */
    @FunctionalInterface
    interface Publisher {
        String publish(int event) throws Exception;
    }

    /** {@code cpuMicrosPerDelivery}: the publishing server's CPU over all rounds per frame delivered. */
    record Outcome(double deliveriesPerSecond, List<Double> roundRates, double p50Millis, double p99Millis,
                   long lost, int readers, double cpuMicrosPerDelivery) {
    }

    private final SseAudience audience = new SseAudience();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong lastDelivery = new AtomicLong();
    private volatile DeliveryLatency latency = new DeliveryLatency();
    private volatile String sampleData;

    FanoutRounds(int readers, SseEndpoint endpoint) throws InterruptedException {
        audience.open(0, readers, reader -> endpoint, reader -> false, LoopbackAddresses.defaults(), this::onFrame);
        if (audience.failures() > 0) {
            throw new IllegalStateException(audience.failures() + " of " + readers + " readers failed to connect, "
                    + "first: " + audience.firstFailure());
        }
    }

    private void onFrame(int reader, SseFrame frame, long receivedNanos) {
        if (frame.data() != null) {
            if (sampleData == null) {
                sampleData = frame.data();
            }
            latency.delivered(frame.jsonString("batch_id"), receivedNanos);
            delivered.incrementAndGet();
            lastDelivery.accumulateAndGet(receivedNanos, Math::max);
        }
    }

    /** {@code serverCpuNanos}: the CPU time used so far by the server that fans out (all its processes). */
    Outcome run(int rounds, int events, Publisher publisher, LongSupplier serverCpuNanos, Console console,
                String label) throws Exception {
        List<Double> rates = new ArrayList<>();
        DeliveryLatency all = null;
        long lost = 0;
        long deliveredTotal = 0;
        int readers = audience.connected();
        warmUp(events, publisher, readers);
        long cpuBefore = serverCpuNanos.getAsLong();
        for (int round = 0; round < rounds; round++) {
            DeliveryLatency roundLatency = new DeliveryLatency();
            latency = roundLatency;
            delivered.set(0);
            long start = System.nanoTime();
            for (int e = 0; e < events; e++) {
                long sentAt = System.nanoTime();
                roundLatency.accepted(publisher.publish(e), sentAt, readers);
            }
            long expected = (long) readers * events;
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (delivered.get() < expected && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            double rate = delivered.get() / ((lastDelivery.get() - start) / 1e9);
            rates.add(rate);
            lost += expected - delivered.get();
            deliveredTotal += delivered.get();
            all = roundLatency;
            console.say("fanout", "%s round %d: %,.0f deliveries/s (%d of %d)", label, round + 1, rate,
                    delivered.get(), expected);
            Thread.sleep(300);
        }
        double cpuMicros = (serverCpuNanos.getAsLong() - cpuBefore) / 1e3 / Math.max(deliveredTotal, 1);
        List<Double> sorted = new ArrayList<>(rates);
        Collections.sort(sorted);
        var h = all.snapshot();
        return new Outcome(sorted.get(sorted.size() / 2), rates, h.getValueAtPercentile(50) / 1e6,
                h.getValueAtPercentile(99) / 1e6, lost, readers, cpuMicros);
    }

    /**
     * One unmeasured round first: a server that has not fanned out yet is still compiling its write path (a cold
     * gateway measured 3× the CPU per delivery of a warm one), and neither side should be judged on that.
     */
    private void warmUp(int events, Publisher publisher, int readers) throws Exception {
        delivered.set(0);
        for (int e = 0; e < events; e++) {
            publisher.publish(e);
        }
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (delivered.get() < (long) readers * events && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        Thread.sleep(300);
    }

    /** The data of the first frame any reader received. */
    String sampleData() {
        return sampleData;
    }

    @Override
    public void close() {
        audience.close();
    }
}
