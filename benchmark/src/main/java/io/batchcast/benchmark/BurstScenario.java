package io.batchcast.benchmark;

import io.batchcast.benchmark.gateway.Gateway;
import io.batchcast.benchmark.gateway.OrderBatches;
import io.batchcast.benchmark.measure.CpuCounter;
import io.batchcast.benchmark.measure.OpenLoopSender;
import io.batchcast.benchmark.measure.WarmUp;
import io.batchcast.benchmark.report.ScenarioResult;
import io.batchcast.benchmark.server.ServerProcess;
import io.batchcast.benchmark.sse.SseConnection;
import io.batchcast.benchmark.sse.SseEndpoint;
import io.batchcast.benchmark.sse.SseFrame;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One high-frequency strategy (200 batches/s for 10 s, open loop) read by three SSE readers at {@code coalesce_ms}
 * 0, 100 and 1000, after a warm-up at the same rate until the server's CPU per batch is steady: frames per second,
 * bytes on the wire, and the p99 delay of each batch from its send to the frame that carried it (a merged frame
 * carries the {@code batch_count} batches ending at its id). {@code burst.reduction} is 1 − bytes(1000) / bytes(0).
 */
final class BurstScenario implements Scenario {

    static final int RATE = 200;
    static final int SECONDS = 10;
    private static final int[] WINDOWS = {0, 100, 1000};

    @Override
    public String name() {
        return "burst";
    }

    @Override
    public ScenarioResult run(BenchContext context) throws Exception {
        ServerProcess server = context.server();
        Gateway engine = context.gateway("bench-burst");
        long strategy = engine.createStrategy("burst");
        Map<Long, Long> sentAt = new ConcurrentHashMap<>();
        List<Reader> readers = new ArrayList<>();
        WarmUp.Outcome warmUp;
        try {
            for (int window : WINDOWS) {
                Reader reader = new Reader(window, sentAt);
                reader.connection = SseConnection.open(window, SseEndpoint.loopback(server.httpPort,
                        Gateway.eventsPath(strategy) + "?coalesce_ms=" + window, engine.token()), null, false,
                        (r, frame, received) -> reader.onFrame(frame, received));
                Thread.ofVirtual().start(reader.connection::readFrames);
                readers.add(reader);
            }
            // a cold server is slow for its first thousand batches (JIT): warm up at the same rate, uncounted
            CpuCounter serverCpu = ServerCpu.of(context, server).server();
            warmUp = WarmUp.run(context.warmUp(50, 60), seconds -> {
                long before = serverCpu.cpuNanos();
                long batches = new OpenLoopSender(RATE).run(OpenLoopSender.seconds(seconds),
                        due -> engine.submitAsync(OrderBatches.limitOrders(strategy, 2)));
                return new WarmUp.Window(seconds, batches, (serverCpu.cpuNanos() - before) / 1e6 / batches);
            }, w -> context.sayWindow(name(), "sent", w));
            context.console.say(name(), "warm-up %s", warmUp.summary());
            Thread.sleep(1500); // the warm-up's frames, the last window's included, are read
            readers.forEach(Reader::startCounting);
            AtomicLong committed = new AtomicLong();
            AtomicLong errors = new AtomicLong();
            long sent = new OpenLoopSender(RATE).run(OpenLoopSender.seconds(SECONDS), due -> {
                var future = engine.submitAsync(OrderBatches.limitOrders(strategy, 2));
                future.addListener(() -> {
                    try {
                        String eventId = future.get().getEventId();
                        sentAt.put(seqOf(eventId), due);
                        committed.incrementAndGet();
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    }
                }, Runnable::run);
            });
            long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (readers.stream().anyMatch(r -> r.batches.get() < committed.get())
                    && System.nanoTime() < giveUp) {
                Thread.sleep(50);
            }
            ScenarioResult result = result(readers, sent, committed.get(), errors.get(), context);
            warmUp.asRaw("warmup").forEach(result::raw);
            return result;
        } finally {
            for (Reader reader : readers) {
                reader.connection.close();
            }
        }
    }

    private ScenarioResult result(List<Reader> readers, long sent, long committed, long errors,
                                  BenchContext context) {
        ScenarioResult result = new ScenarioResult(name())
                .raw("rate_batches_per_s", RATE)
                .raw("seconds", SECONDS)
                .raw("batches_sent", sent)
                .raw("batches_committed", committed)
                .raw("submit_errors", errors);
        Map<Integer, Long> bytes = new LinkedHashMap<>();
        for (Reader reader : readers) {
            long wire = reader.connection.wireBytes() - reader.bytesBefore;
            bytes.put(reader.window, wire);
            String key = "coalesce_ms_" + reader.window;
            Double p99 = reader.p99Millis();
            context.console.say(name(), "coalesce_ms %4d: %5d frames (%.1f/s), %8d bytes, %d batches, p99 %s ms",
                    reader.window, reader.frames.get(), reader.frames.get() / (double) SECONDS, wire,
                    reader.batches.get(), p99);
            result.raw(key + ".frames", reader.frames.get())
                    .raw(key + ".frames_per_s", NetworkScenario.round(reader.frames.get() / (double) SECONDS, 1))
                    .raw(key + ".wire_bytes", wire)
                    .raw(key + ".batches_carried", reader.batches.get())
                    .raw(key + ".p99_delay_ms", p99);
        }
        return result.figure("burst.reduction", NetworkScenario.round(1 - (double) bytes.get(1000) / bytes.get(0), 4))
                .figure("burst.p99_delay_ms_coalesce_1000", readers.getLast().p99Millis());
    }

    /** The sequence of a strategy's event id ({@code <epoch>-<seq>}). */
    static long seqOf(String eventId) {
        return Long.parseLong(eventId.substring(eventId.lastIndexOf('-') + 1));
    }

    /** The {@code batch_count} of a frame's data; 1 when absent. */
    static int batchCount(SseFrame frame) {
        String key = "\"batch_count\":";
        int at = frame.data().indexOf(key);
        if (at < 0) {
            return 1;
        }
        int from = at + key.length();
        int to = from;
        while (to < frame.data().length() && Character.isDigit(frame.data().charAt(to))) {
            to++;
        }
        return Integer.parseInt(frame.data().substring(from, to));
    }

    /** One reader: what it received once counting started, and each batch's delay. */
    private static final class Reader {
        final int window;
        final Map<Long, Long> sentAt;
        final AtomicLong frames = new AtomicLong();
        final AtomicLong batches = new AtomicLong();
        /** Per frame: the last event's sequence, the batches it carries, when it was read. */
        final List<long[]> received = Collections.synchronizedList(new ArrayList<>());
        volatile SseConnection connection;
        volatile boolean counting;
        long bytesBefore;

        Reader(int window, Map<Long, Long> sentAt) {
            this.window = window;
            this.sentAt = sentAt;
        }

        void startCounting() {
            bytesBefore = connection.wireBytes();
            counting = true;
        }

        void onFrame(SseFrame frame, long receivedNanos) {
            if (!counting || !"order_batch_update".equals(frame.event())) {
                return;
            }
            int count = batchCount(frame);
            frames.incrementAndGet();
            batches.addAndGet(count);
            received.add(new long[] {seqOf(frame.id()), count, receivedNanos});
        }

        /**
         * The p99 of send → frame over every batch a frame carried; computed after the run, when every submit's
         * response (which names its event id) is in. Null when nothing arrived.
         */
        Double p99Millis() {
            List<Long> delays = new ArrayList<>();
            synchronized (received) {
                for (long[] frame : received) {
                    for (long seq = frame[0] - frame[1] + 1; seq <= frame[0]; seq++) {
                        Long sent = sentAt.get(seq);
                        if (sent != null) {
                            delays.add(frame[2] - sent);
                        }
                    }
                }
            }
            if (delays.isEmpty()) {
                return null;
            }
            Collections.sort(delays);
            int index = (int) Math.ceil(delays.size() * 0.99) - 1;
            return NetworkScenario.round(delays.get(Math.max(0, index)) / 1e6, 2);
        }
    }
}
