package io.batchcast.adapter.grpc;

import io.batchcast.adapter.exchange.PaperExchange;
import io.batchcast.adapter.exchange.PaperExchangeSettings;
import io.batchcast.application.port.out.ExecutionReport;
import io.batchcast.application.port.out.OrderExecutionPort;
import io.batchcast.application.service.BatchLimits;
import io.batchcast.application.service.DeliveryCounters;
import io.batchcast.application.service.DeliveryLimits;
import io.batchcast.application.service.EventDelivery;
import io.batchcast.application.service.EventFeed;
import io.batchcast.application.service.ManagingStrategies;
import io.batchcast.application.service.ReadingBack;
import io.batchcast.application.service.SubmittingOrderBatches;
import io.batchcast.application.testing.InMemoryStore;
import io.batchcast.domain.NewOrder;
import io.batchcast.proto.v1.CreateStrategyRequest;
import io.batchcast.proto.v1.OrderBatchServiceGrpc;
import io.batchcast.proto.v1.StrategyServiceGrpc;
import io.grpc.ManagedChannel;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The real application (services over the in-memory stores, the real paper exchange) behind the real gRPC services,
 * connected in-process. Tests build one per test and close it in {@code @AfterEach}.
 */
final class InProcessBatchcast implements AutoCloseable {

    static final Clock CLOCK = Clock.fixed(Tokens.NOW, ZoneOffset.UTC);

    final InMemoryStore store = new InMemoryStore();
    final PaperExchange paperExchange;
    final AtomicInteger exchangeCalls = new AtomicInteger();
    final EventFeed feed;
    final GrpcServer server;
    final ManagedChannel channel;

    final EventDelivery delivery;
    final DeliveryCounters deliveryCounters = new DeliveryCounters();

    InProcessBatchcast() {
        this(PaperExchangeSettings.defaults(), BatchLimits.defaults(), DeliveryLimits.defaults());
    }

    InProcessBatchcast(PaperExchangeSettings exchangeSettings, BatchLimits limits, DeliveryLimits deliveryLimits) {
        paperExchange = new PaperExchange(exchangeSettings, "t");
        feed = new EventFeed(store, store, EventFeed.DEFAULT_MAX_REPLAY);
        ManagingStrategies strategies = new ManagingStrategies(store, CLOCK);
        ReadingBack reading = new ReadingBack(store, store, store);
        SubmittingOrderBatches submitting = new SubmittingOrderBatches(store, store, store, store, countingExchange(),
                feed, CLOCK, limits);
        delivery = new EventDelivery(feed, deliveryLimits, deliveryCounters, CLOCK);
        String name = InProcessServerBuilder.generateName();
        server = new GrpcServer(InProcessServerBuilder.forName(name).directExecutor(), GrpcSettings.defaults(),
                new GrpcUseCases(submitting, delivery, strategies, strategies, reading, reading,
                        (user, query) -> java.util.List.of()), Tokens.verifier(Tokens.SECRET, CLOCK), null).start();
        channel = InProcessChannelBuilder.forName(name).directExecutor().build();
    }

    /** The paper exchange, counting the calls that reached it. */
    private OrderExecutionPort countingExchange() {
        return new OrderExecutionPort() {
            @Override
            public ExecutionReport place(long strategyId, String venueClientOrderId, NewOrder order) {
                exchangeCalls.incrementAndGet();
                return paperExchange.place(strategyId, venueClientOrderId, order);
            }

            @Override
            public ExecutionReport cancel(long strategyId, String venueClientOrderId, String orderId) {
                exchangeCalls.incrementAndGet();
                return paperExchange.cancel(strategyId, venueClientOrderId, orderId);
            }

            @Override
            public java.util.Optional<io.batchcast.application.port.out.VenueOrder> lookup(long strategyId,
                    String venueClientOrderId) {
                return paperExchange.lookup(strategyId, venueClientOrderId);
            }
        };
    }

    OrderBatchServiceGrpc.OrderBatchServiceBlockingStub orderBatches(String userId) {
        return OrderBatchServiceGrpc.newBlockingStub(channel).withInterceptors(Tokens.bearer(Tokens.valid(userId)));
    }

    OrderBatchServiceGrpc.OrderBatchServiceStub orderBatchesAsync(String userId) {
        return orderBatchesAsyncWithToken(Tokens.valid(userId));
    }

    OrderBatchServiceGrpc.OrderBatchServiceStub orderBatchesAsyncWithToken(String token) {
        return OrderBatchServiceGrpc.newStub(channel).withInterceptors(Tokens.bearer(token));
    }

    StrategyServiceGrpc.StrategyServiceBlockingStub strategies(String userId) {
        return StrategyServiceGrpc.newBlockingStub(channel).withInterceptors(Tokens.bearer(Tokens.valid(userId)));
    }

    long createStrategy(String userId, String name) {
        return strategies(userId).createStrategy(CreateStrategyRequest.newBuilder().setName(name).build()).getId();
    }

    @Override
    public void close() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        delivery.close();
        server.shutdown(Duration.ofSeconds(5));
    }
}
