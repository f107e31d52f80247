package io.batchcast.bootstrap;

import static io.batchcast.bootstrap.TestClient.limits;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.Timestamp;
import io.batchcast.proto.v1.GetHourlyStatisticsRequest;
import io.batchcast.proto.v1.GetHourlyStatisticsResponse;
import io.batchcast.proto.v1.HourlyStatistics;
import io.batchcast.proto.v1.OrderBatchServiceGrpc;
import io.batchcast.proto.v1.OrderType;
import io.batchcast.proto.v1.OrderTypeStatistics;
import io.batchcast.proto.v1.SubmitOrderBatchResponse;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two server processes on one PostgreSQL database with 2-second summary periods: every period with batches gets
 * exactly one {@code order_hourly_summary} event (the same id and bytes on both instances), its counts are that
 * period's batches, it replays after a reconnect, and the statistics API over HTTP and gRPC tells the same totals.
 */
class HourlyStatisticsIT {

    private static final Pattern SUMMARY = Pattern.compile("\"hour\":\"([^\"]+)\",\"batches\":(\\d+),\"order_types\":"
            + "\\[\\{\"order_type\":\"LIMIT\",\"created\":(\\d+),\"cancelled\":0,\"rejected\":0}]");

    @TempDir
    Path workDir;
    private ThrowawayPostgres db;
    private RunningJar a;
    private RunningJar b;

    @BeforeEach
    void start() throws Exception {
        db = new ThrowawayPostgres();
        Map<String, String> env = new java.util.HashMap<>(db.env());
        env.put("BATCHCAST_STATISTICS_SUMMARY_dash_INTERVAL", "PT2S");
        a = new RunningJar(Files.createDirectories(workDir.resolve("a")), env);
        b = new RunningJar(Files.createDirectories(workDir.resolve("b")), env);
    }

    @AfterEach
    void stop() throws Exception {
        a.close();
        b.close();
        db.close();
    }

    private record Summary(String id, Instant period, int batches, int created, String frame) {
    }

    @Test
    void eachPeriodWithBatchesGetsOneSummaryAcrossInstancesThatReplaysAndMatchesTheStatistics() throws Exception {
        try (TestClient viaA = new TestClient(a.grpcPort, "u1"); TestClient viaB = new TestClient(b.grpcPort, "u1")) {
            long strategy = viaA.createStrategy("alpha");
            String path = "/api/v1/strategies/" + strategy + "/events";
            List<SubmitOrderBatchResponse> sent = new ArrayList<>();
            int created = 0;
            List<Summary> onA = new ArrayList<>();
            try (RawSseClient streamA = new RawSseClient(a.httpPort, path, viaA.token, null);
                    RawSseClient streamB = new RawSseClient(b.httpPort, path, viaB.token, null)) {
                streamA.nextFrame();
                streamB.nextFrame();
                // batches through both instances over about three periods
                for (int i = 0; i < 12; i++) {
                    sent.add((i % 2 == 0 ? viaA : viaB).submit(strategy, "", limits(1 + i % 3, "o" + i + "-")));
                    created += 1 + i % 3;
                    Thread.sleep(500);
                }
                int batchFrames = 0;
                int summarized = 0;
                while (batchFrames < sent.size() || summarized < sent.size()) {
                    String fromA = streamA.nextEvent();
                    assertEquals(fromA, streamB.nextEvent(), "both instances send the same frames in the same order");
                    if (fromA.contains("event: order_batch_update")) {
                        batchFrames++;
                    } else {
                        Summary summary = summary(fromA);
                        onA.add(summary);
                        summarized += summary.batches();
                    }
                }
            }
            assertEquals(sent.size(), onA.stream().mapToInt(Summary::batches).sum());
            assertEquals(created, onA.stream().mapToInt(Summary::created).sum());
            assertEquals(onA.size(), onA.stream().map(Summary::period).distinct().count(), "one summary per period");
            assertTrue(onA.size() >= 3, "12 batches over 6 s fill at least three 2-second periods: " + onA);
            for (Summary summary : onA) {
                assertEquals(0, summary.period().getEpochSecond() % 2, "periods align to UTC: " + summary);
            }
            // the log holds exactly the batch events and these summaries: the next event id follows them directly
            SubmitOrderBatchResponse next = viaB.submit(strategy, "", limits(1, "n-"));
            assertEquals(sent.size() + onA.size() + 1, BatchcastJarIT.seq(next.getEventId()));

            // a reconnect with the first batch's id replays the summaries among the batch events, byte for byte
            List<String> replayedSummaries = new ArrayList<>();
            try (RawSseClient again = new RawSseClient(a.httpPort, path, viaA.token, sent.getFirst().getEventId())) {
                for (String frame = again.nextEvent(); !frame.startsWith("id: " + next.getEventId() + "\n");
                        frame = again.nextEvent()) {
                    if (frame.contains("event: order_hourly_summary")) {
                        replayedSummaries.add(frame);
                    }
                }
            }
            assertEquals(onA.stream().map(Summary::frame).toList(), replayedSummaries);

            assertStatisticsMatch(viaB, strategy, onA);
        }
    }

    /** Both APIs: the hours of the summarized periods (plus the last batch, not summarized yet), summed per hour. */
    private void assertStatisticsMatch(TestClient client, long strategy, List<Summary> summaries) throws Exception {
        Map<Instant, int[]> hours = new TreeMap<>();
        for (Summary summary : summaries) {
            int[] hour = hours.computeIfAbsent(summary.period().truncatedTo(ChronoUnit.HOURS), h -> new int[2]);
            hour[0] += summary.batches();
            hour[1] += summary.created();
        }
        Instant now = Instant.now();
        int[] current = hours.computeIfAbsent(now.truncatedTo(ChronoUnit.HOURS), h -> new int[2]);
        current[0] += 1;
        current[1] += 1;
        Instant from = hours.keySet().iterator().next();
        Instant to = now.truncatedTo(ChronoUnit.HOURS).plus(1, ChronoUnit.HOURS);

        StringBuilder json = new StringBuilder("{\"strategy_id\":" + strategy + ",\"hours\":[");
        GetHourlyStatisticsResponse.Builder proto = GetHourlyStatisticsResponse.newBuilder();
        hours.forEach((hour, counts) -> {
            json.append(json.charAt(json.length() - 1) == '[' ? "" : ",").append("{\"hour\":\"").append(hour)
                    .append("\",\"batches\":").append(counts[0]).append(",\"order_types\":[{\"order_type\":\"LIMIT\","
                            + "\"created\":").append(counts[1]).append(",\"cancelled\":0,\"rejected\":0}]}");
            proto.addHours(HourlyStatistics.newBuilder().setHourStart(timestamp(hour)).setBatches(counts[0])
                    .addOrderTypes(OrderTypeStatistics.newBuilder().setOrderType(OrderType.ORDER_TYPE_LIMIT)
                            .setCreated(counts[1])));
        });
        json.append("]}");

        HttpResponse<String> http = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                        "http://127.0.0.1:" + b.httpPort + "/api/v1/strategies/" + strategy + "/statistics/hourly?from="
                                + from + "&to=" + to))
                .header("Authorization", "Bearer " + client.token).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, http.statusCode());
        assertEquals(json.toString(), http.body());

        ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", a.grpcPort).usePlaintext().build();
        try {
            Metadata auth = new Metadata();
            auth.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + client.token);
            GetHourlyStatisticsResponse response = OrderBatchServiceGrpc.newBlockingStub(channel)
                    .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(auth))
                    .withDeadlineAfter(10, TimeUnit.SECONDS)
                    .getHourlyStatistics(GetHourlyStatisticsRequest.newBuilder().setStrategyId(strategy)
                            .setStartTime(timestamp(from)).setEndTime(timestamp(to)).build());
            assertEquals(proto.build(), response);
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private static Timestamp timestamp(Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }

    private static Summary summary(String frame) {
        assertTrue(frame.contains("\nevent: order_hourly_summary\n"), frame);
        Matcher m = SUMMARY.matcher(frame);
        assertTrue(m.find(), frame);
        String id = frame.substring(4, frame.indexOf('\n'));
        return new Summary(id, Instant.parse(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)),
                frame);
    }
}
