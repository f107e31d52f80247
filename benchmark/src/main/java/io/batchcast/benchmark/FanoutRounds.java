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
 * the last frame read, after unmeasured warm-up rounds until the server's CPU per delivery is steady. The median
 * round is reported, and the fanning server's CPU per delivery over the measured rounds (which includes publishing:
 * one submit or one POST per event).
 */
final class FanoutRounds implements AutoCloseable {

    /** Publishes one event and returns the batch id its frame will carry. */
    @FunctionalInterface
    interface Publisher {
        String publish(int event) throws Exception;
    }

    /**
     * {@code cpuMicrosPerDelivery}: the publishing server's CPU over all rounds per frame delivered;
     * {@code warmUpCpuMicros}: the same for each warm-up round, in order.
     */
    record Outcome(double deliveriesPerSecond, List<Double> roundRates, double p50Millis, double p99Millis,
                   long lost, int readers, double cpuMicrosPerDelivery, List<Double> warmUpCpuMicros) {
    }

    /** Warm-up rounds always run, and the last ones that must agree on CPU per delivery. */
    static final int STEADY_ROUNDS = 3;
    /** How far apart the steady rounds' CPU per delivery may be: the largest at most 15% above the smallest. */
    static final double STEADY_SPREAD = 1.15;
    /**
     * Warm-up rounds run at least this long, steady or not: a gateway's CPU per delivery levels off for a few rounds
     * while the JIT is still compiling its write path (a quick run measured 100, 56.7, 56.3, 51.3 µs and called that
     * steady after 16 s), and a figure from a cold server is not a figure.
     */
    static final long WARM_UP_MINIMUM_NANOS = 60_000_000_000L;
    /** Warm-up ends here even if not steady (the shared machine's load may never let it settle). */
    static final long WARM_UP_LIMIT_NANOS = 180_000_000_000L;

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
        List<Double> warmUp = warmUp(events, publisher, readers, serverCpuNanos);
        console.say("fanout", "%s warm after %d rounds, CPU per delivery %s µs", label, warmUp.size(),
                warmUp.stream().map(c -> String.format("%.1f", c)).toList());
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
                h.getValueAtPercentile(99) / 1e6, lost, readers, cpuMicros, warmUp);
    }

    /**
     * Unmeasured rounds first, for at least {@link #WARM_UP_MINIMUM_NANOS} and until the last {@link #STEADY_ROUNDS}
     * agree on CPU per delivery: a server that has not
     * fanned out yet is still compiling its write path (a cold gateway measured 3× the CPU per delivery of a warm
     * one, and on two busy cores the JIT takes minutes), and neither side should be judged on that.
     *
     * @return the CPU per delivery of each warm-up round, in µs
     */
    private List<Double> warmUp(int events, Publisher publisher, int readers, LongSupplier serverCpuNanos)
            throws Exception {
        List<Double> cpuMicros = new ArrayList<>();
        long start = System.nanoTime();
        long minimum = start + WARM_UP_MINIMUM_NANOS;
        long limit = start + WARM_UP_LIMIT_NANOS;
        do {
            delivered.set(0);
            long cpuBefore = serverCpuNanos.getAsLong();
            for (int e = 0; e < events; e++) {
                publisher.publish(e);
            }
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (delivered.get() < (long) readers * events && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            cpuMicros.add((serverCpuNanos.getAsLong() - cpuBefore) / 1e3 / Math.max(delivered.get(), 1));
            Thread.sleep(300);
        } while (keepWarming(cpuMicros, System.nanoTime(), minimum, limit));
        return cpuMicros;
    }

    /** Whether another warm-up round is due at {@code now}: before the minimum, or not steady, and before the limit. */
    static boolean keepWarming(List<Double> cpuMicros, long now, long minimum, long limit) {
        return now < limit && (now < minimum || !steady(cpuMicros));
    }

    /** Whether the last {@link #STEADY_ROUNDS} values lie within {@link #STEADY_SPREAD} of each other. */
    static boolean steady(List<Double> cpuMicros) {
        if (cpuMicros.size() < STEADY_ROUNDS) {
            return false;
        }
        List<Double> last = cpuMicros.subList(cpuMicros.size() - STEADY_ROUNDS, cpuMicros.size());
        double min = Collections.min(last);
        return min > 0 && Collections.max(last) <= min * STEADY_SPREAD;
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
