package io.batchcast.benchmark;

import io.batchcast.benchmark.gateway.Gateway;
import io.batchcast.benchmark.gateway.OrderBatches;
import io.batchcast.benchmark.report.ScenarioResult;
import io.batchcast.benchmark.server.ServerProcess;
import io.batchcast.benchmark.sse.SseConnection;
import io.batchcast.benchmark.sse.SseEndpoint;
import io.batchcast.benchmark.sse.SseFrame;
import io.batchcast.proto.v1.SubmitOrderBatchRequest;
import io.batchcast.proto.v1.SubmitOrderBatchResponse;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Bytes on the wire for the origin design's 10-operation batch as one {@code order_batch_update}, measured on a real SSE
 * socket, versus the same 10 outcomes as one event per operation (the pre-batch design, modelled by
 * {@link PerOrderFrames} with the same framing). The smallest of several measurements is kept, which discards a
 * heartbeat landing inside the window. With {@code Accept-Encoding: gzip} both sides are compressed the way the
 * server compresses a stream ({@link #gzipWire}): one gzip stream per connection, a sync flush after every frame.
 */
final class NetworkScenario implements Scenario {

    private static final double TCP_IP_HEADER_BYTES = 52; // IPv4 20 + TCP 20 + timestamps option 12, per segment

    @Override
    public String name() {
        return "network";
    }

    @Override
    public ScenarioResult run(BenchContext context) throws Exception {
        ServerProcess server = context.server();
        Gateway engine = context.gateway("bench-network");
        long strategy = engine.createStrategy("network");
        LinkedBlockingQueue<SseFrame> frames = new LinkedBlockingQueue<>();
        try (SseConnection reader = SseConnection.open(0, SseEndpoint.loopback(server.httpPort,
                Gateway.eventsPath(strategy), engine.token()), null, false, (r, f, t) -> frames.add(f))) {
            Thread.ofVirtual().start(reader::readFrames);
            Measurement best = null;
            for (int i = 0; i < context.sizes.networkBatches(); i++) {
                Measurement m = measureOnce(engine, strategy, reader, frames);
                best = best == null || m.wireBytes < best.wireBytes ? m : best;
            }
            context.console.say(name(), "batch frame %d bytes on the wire", best.wireBytes);
            return result(best, reader);
        }
    }

    private Measurement measureOnce(Gateway engine, long strategy, SseConnection reader,
                                    LinkedBlockingQueue<SseFrame> frames) throws Exception {
        SubmitOrderBatchResponse setup = engine.submit(OrderBatches.limitOrders(strategy, 3));
        List<String> toCancel = setup.getResultsList().stream().map(r -> r.getClientOrderId()).toList();
        SseFrame setupFrame = awaitEvent(frames, setup.getEventId());
        Thread.sleep(100);
        frames.clear();
        long before = reader.wireBytes();
        SubmitOrderBatchRequest request = OrderBatches.seedExample(strategy, toCancel);
        SubmitOrderBatchResponse batch = engine.submit(request);
        SseFrame frame = awaitEvent(frames, batch.getEventId());
        Thread.sleep(100);
        return new Measurement(reader.wireBytes() - before, frame, request, batch, strategy, setupFrame, setup);
    }

    private static SseFrame awaitEvent(LinkedBlockingQueue<SseFrame> frames, String eventId) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            SseFrame frame = frames.poll(100, TimeUnit.MILLISECONDS);
            if (frame != null && eventId.equals(frame.id())) {
                return frame;
            }
        }
        throw new IllegalStateException("no SSE frame with id " + eventId + " within 15 s");
    }

    private ScenarioResult result(Measurement m, SseConnection reader) {
        List<String> perOrder = PerOrderFrames.identifying(m.strategy, m.response, m.frame);
        List<String> minimal = PerOrderFrames.minimal(m.strategy, m.response, m.frame);
        List<String> detailed = PerOrderFrames.detailed(m.strategy, m.request, m.response, m.frame);
        long framing = m.wireBytes - m.frame.bytes();
        long perOrderBytes = wire(perOrder, framing);
        long minimalBytes = wire(minimal, framing);
        long detailedBytes = wire(detailed, framing);
        double reduction = 1 - (double) m.wireBytes / perOrderBytes;
        // streams that already carried the previous batch (the setup's), so their dictionaries are warm as a live
        // stream's are, but with other ids, batch ids and timestamps than the measured frames
        long batchGzip = gzipWire(List.of(text(m.earlierFrame)), List.of(text(m.frame)), framing);
        long perOrderGzip = gzipWire(PerOrderFrames.identifying(m.strategy, m.earlierResponse, m.earlierFrame),
                perOrder, framing);
        return new ScenarioResult(name())
                .figure("network.reduction", round(reduction, 4))
                .raw("gzip_batch_wire_bytes", batchGzip)
                .raw("gzip_per_order_wire_bytes", perOrderGzip)
                .raw("gzip_reduction", round(1 - (double) batchGzip / perOrderGzip, 4))
                .raw("gzip_batch_vs_plain_batch", round(1 - (double) batchGzip / m.wireBytes, 4))
                .raw("batch_operations", m.response.getResultsCount())
                .raw("batch_frame_bytes", m.frame.bytes())
                .raw("batch_wire_bytes", m.wireBytes)
                .raw("transfer_framing_bytes_per_event", framing)
                .raw("per_order_events", perOrder.size())
                .raw("per_order_wire_bytes", perOrderBytes)
                .raw("per_order_minimal_wire_bytes", minimalBytes)
                .raw("per_order_detailed_wire_bytes", detailedBytes)
                .raw("reduction_vs_minimal_per_order", round(1 - (double) m.wireBytes / minimalBytes, 4))
                .raw("reduction_vs_detailed_per_order", round(1 - (double) m.wireBytes / detailedBytes, 4))
                .raw("reduction_with_tcp_ip_headers", round(1 - (m.wireBytes + TCP_IP_HEADER_BYTES)
                        / (perOrderBytes + perOrder.size() * TCP_IP_HEADER_BYTES), 4))
                .raw("batch_frame", text(m.frame))
                .raw("per_order_frame_example", perOrder.getFirst())
                .raw("per_order_minimal_frame_example", minimal.getFirst())
                .raw("per_order_detailed_frame_example", detailed.getFirst());
    }

    /**
     * Frames as they would travel: each flushed on its own as live events are, so each carries the transfer framing
     * (HTTP chunk header and trailer) that the server's real frame carried.
     */
    static long wire(List<String> frames, long framingPerEvent) {
        long total = 0;
        for (String frame : frames) {
            total += frame.getBytes(java.nio.charset.StandardCharsets.UTF_8).length + framingPerEvent;
        }
        return total;
    }

    /**
     * The bytes {@code frames} take on a gzip event stream that already carried {@code warmup}: compressed by
     * {@code GZIPOutputStream} with sync flush, one flush per frame (as the server writes live events), plus the
     * transfer framing each write carries.
     */
    static long gzipWire(List<String> warmup, List<String> frames, long framingPerEvent) {
        var sink = new java.io.ByteArrayOutputStream();
        try (var gzip = new java.util.zip.GZIPOutputStream(sink, 8192, true)) {
            for (String frame : warmup) {
                gzip.write(frame.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                gzip.flush();
            }
            int before = sink.size();
            for (String frame : frames) {
                gzip.write(frame.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                gzip.flush();
            }
            return sink.size() - before + frames.size() * framingPerEvent;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("compressing in memory cannot fail", e);
        }
    }

    static double round(double value, int digits) {
        double scale = Math.pow(10, digits);
        return Math.round(value * scale) / scale;
    }

    private record Measurement(long wireBytes, SseFrame frame, SubmitOrderBatchRequest request,
                               SubmitOrderBatchResponse response, long strategy, SseFrame earlierFrame,
                               SubmitOrderBatchResponse earlierResponse) {
    }

    private static String text(SseFrame frame) {
        return "id: " + frame.id() + "\nevent: " + frame.event() + "\ndata: " + frame.data() + "\n\n";
    }
}
