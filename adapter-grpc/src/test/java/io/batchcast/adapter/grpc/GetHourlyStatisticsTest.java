package io.batchcast.adapter.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.protobuf.Timestamp;
import com.nimbusds.jose.JWSAlgorithm;
import io.batchcast.application.service.BatchLimits;
import io.batchcast.application.service.DeliveryCounters;
import io.batchcast.application.service.DeliveryLimits;
import io.batchcast.application.service.EventDelivery;
import io.batchcast.application.service.EventFeed;
import io.batchcast.application.service.ManagingStrategies;
import io.batchcast.application.service.ReadingBack;
import io.batchcast.application.service.ReadingHourlyStatistics;
import io.batchcast.application.service.SubmittingOrderBatches;
import io.batchcast.adapter.exchange.PaperExchange;
import io.batchcast.adapter.exchange.PaperExchangeSettings;
import io.batchcast.application.testing.InMemoryStore;
import io.batchcast.domain.HourlyStatistics;
import io.batchcast.domain.OrderTypeStatistics;
import io.batchcast.proto.v1.GetHourlyStatisticsRequest;
import io.batchcast.proto.v1.GetHourlyStatisticsResponse;
import io.batchcast.proto.v1.OrderBatchServiceGrpc;
import io.batchcast.proto.v1.OrderType;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** GetHourlyStatistics over a real TCP socket: exact proto values, the range rules, ownership. */
class GetHourlyStatisticsTest {

    private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final Instant SIX_PM = Instant.parse("2026-12-01T18:00:00Z");

    private final InMemoryStore store = new InMemoryStore();
    /** What the store was asked: strategy, from hour, to hour. */
    private final List<String> asked = new ArrayList<>();
    private GrpcServer server;
    private ManagedChannel channel;
    private long strategyId;

    @BeforeEach
    void start() {
        EventFeed feed = new EventFeed(store, store, EventFeed.DEFAULT_MAX_REPLAY);
        ManagingStrategies strategies = new ManagingStrategies(store, Clock.systemUTC());
        SubmittingOrderBatches submitting = new SubmittingOrderBatches(store, store, store, store,
                new PaperExchange(PaperExchangeSettings.defaults()), feed, Clock.systemUTC(), BatchLimits.defaults());
        strategyId = store.create("alice", "grid", SIX_PM).id();
        var statistics = new ReadingHourlyStatistics(store, (strategy, fromHour, toHour) -> {
            asked.add(strategy + " " + fromHour + " " + toHour);
            return List.of(
                    new HourlyStatistics(SIX_PM, 12, List.of(
                            new OrderTypeStatistics(io.batchcast.domain.OrderType.LIMIT, 5, 3, 1),
                            new OrderTypeStatistics(io.batchcast.domain.OrderType.MARKET, 0, 0, 2))),
                    new HourlyStatistics(SIX_PM.plus(Duration.ofHours(2)), 1, List.of()));
        });
        server = new GrpcServer(GrpcSettings.defaults().withPort(0),
                new GrpcUseCases(submitting,
                new EventDelivery(feed, DeliveryLimits.defaults(), new DeliveryCounters(), Clock.systemUTC()),
                strategies, strategies, new ReadingBack(store, store, store),
                        new ReadingBack(store, store, store), statistics),
                Tokens.verifier(SECRET, Clock.systemUTC())).start();
        channel = NettyChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build();
    }

    @AfterEach
    void stop() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        server.shutdown(Duration.ofSeconds(5));
    }

    private OrderBatchServiceGrpc.OrderBatchServiceBlockingStub stub(String user) {
        return OrderBatchServiceGrpc.newBlockingStub(channel).withInterceptors(
                Tokens.bearer(Tokens.signed(JWSAlgorithm.HS256, SECRET, user, Instant.now().plusSeconds(600))));
    }

    private static Timestamp at(String instant) {
        Instant i = Instant.parse(instant);
        return Timestamp.newBuilder().setSeconds(i.getEpochSecond()).setNanos(i.getNano()).build();
    }

    private GetHourlyStatisticsRequest range(String from, String to) {
        return GetHourlyStatisticsRequest.newBuilder().setStrategyId(strategyId).setStartTime(at(from))
                .setEndTime(at(to)).build();
    }

    @Test
    void hoursComeBackWithTheirBatchesAndPerTypeCountsInOrder() {
        GetHourlyStatisticsResponse response = stub("alice").getHourlyStatistics(
                range("2026-12-01T17:30:00Z", "2026-12-01T21:00:00.5Z"));

        GetHourlyStatisticsResponse.Builder expected = GetHourlyStatisticsResponse.newBuilder();
        expected.addHoursBuilder().setHourStart(at("2026-12-01T18:00:00Z")).setBatches(12)
                .addOrderTypes(io.batchcast.proto.v1.OrderTypeStatistics.newBuilder()
                        .setOrderType(OrderType.ORDER_TYPE_LIMIT).setCreated(5).setCancelled(3).setRejected(1))
                .addOrderTypes(io.batchcast.proto.v1.OrderTypeStatistics.newBuilder()
                        .setOrderType(OrderType.ORDER_TYPE_MARKET).setRejected(2));
        expected.addHoursBuilder().setHourStart(at("2026-12-01T20:00:00Z")).setBatches(1);
        assertEquals(expected.build(), response);
        // the hours starting in [17:30, 21:00:00.5): 18:00 up to and including 21:00
        assertEquals(List.of(strategyId + " 2026-12-01T18:00:00Z 2026-12-01T22:00:00Z"), asked);
    }

    @Test
    void exactlyThirtyOneDaysIsAllowed() {
        stub("alice").getHourlyStatistics(range("2026-11-01T00:00:00Z", "2026-12-02T00:00:00Z"));

        assertEquals(List.of(strategyId + " 2026-11-01T00:00:00Z 2026-12-02T00:00:00Z"), asked);
    }

    @Test
    void aRangeOverThirtyOneDaysIsInvalidArgumentNamingEndTimeAndTheLimit() {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> stub("alice")
                .getHourlyStatistics(range("2026-11-01T00:00:00Z", "2026-12-02T00:00:00.001Z")));

        assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
        assertEquals("end_time: must be at most 31 days (744 hours) after start_time", e.getStatus().getDescription());
        assertEquals(Map.of("end_time", "must be at most 31 days (744 hours) after start_time"),
                ErrorDetails.fieldViolations(e));
        assertEquals(List.of(), asked);
    }

    @Test
    void anEmptyOrReversedRangeIsInvalidArgument() {
        for (String to : List.of("2026-12-01T18:00:00Z", "2026-12-01T17:00:00Z")) {
            StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> stub("alice")
                    .getHourlyStatistics(range("2026-12-01T18:00:00Z", to)));

            assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
            assertEquals(Map.of("end_time", "must be after start_time"), ErrorDetails.fieldViolations(e));
        }
    }

    @Test
    void missingTimesAndABadStrategyIdAreEachNamed() {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> stub("alice")
                .getHourlyStatistics(GetHourlyStatisticsRequest.newBuilder().setStrategyId(0).build()));

        assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
        assertEquals("strategy_id: must be a positive strategy id, was 0 (and 2 more)", e.getStatus().getDescription());
        assertEquals(Map.of("strategy_id", "must be a positive strategy id, was 0", "start_time", "is required",
                "end_time", "is required"), ErrorDetails.fieldViolations(e));
    }

    @Test
    void anotherUsersStrategyIsNotFound() {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> stub("mallory")
                .getHourlyStatistics(range("2026-12-01T18:00:00Z", "2026-12-01T19:00:00Z")));

        assertEquals(Status.Code.NOT_FOUND, e.getStatus().getCode());
        assertEquals(List.of(), asked);
    }

    @Test
    void withoutATokenTheCallIsUnauthenticated() {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> OrderBatchServiceGrpc
                .newBlockingStub(channel).getHourlyStatistics(range("2026-12-01T18:00:00Z", "2026-12-01T19:00:00Z")));

        assertEquals(Status.Code.UNAUTHENTICATED, e.getStatus().getCode());
    }
}
