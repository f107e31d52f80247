package io.batchcast.bootstrap;

import io.batchcast.proto.v1.CancelOrder;
import io.batchcast.proto.v1.CreateOrder;
import io.batchcast.proto.v1.CreateStrategyRequest;
import io.batchcast.proto.v1.ListStrategiesRequest;
import io.batchcast.proto.v1.ListStrategiesResponse;
import io.batchcast.proto.v1.OperationOutcome;
import io.batchcast.proto.v1.OperationResult;
import io.batchcast.proto.v1.OrderBatchServiceGrpc;
import io.batchcast.proto.v1.OrderOperation;
import io.batchcast.proto.v1.OrderType;
import io.batchcast.proto.v1.Side;
import io.batchcast.proto.v1.Strategy;
import io.batchcast.proto.v1.StrategyServiceGrpc;
import io.batchcast.proto.v1.SubmitOrderBatchRequest;
import io.batchcast.proto.v1.SubmitOrderBatchResponse;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * BATCHCAST_DEMO=true: a strategy engine in miniature. It talks to this server through the real gRPC API, as any
 * client would, and submits a random batch of creates and cancels every second so the dashboard has toasts to show.
 */
final class DemoTraffic implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(DemoTraffic.class.getName());
    static final String STRATEGY_NAME = "demo";
    private static final OrderType[] TYPES = {OrderType.ORDER_TYPE_LIMIT, OrderType.ORDER_TYPE_STOP_LIMIT,
            OrderType.ORDER_TYPE_STOP_MARKET, OrderType.ORDER_TYPE_MARKET};

    private final ManagedChannel channel;
    private final OrderBatchServiceGrpc.OrderBatchServiceBlockingStub batches;
    private final StrategyServiceGrpc.StrategyServiceBlockingStub strategies;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("batchcast-demo").daemon().factory());
    private final Deque<String> openOrders = new ArrayDeque<>();
    private long strategyId;

    DemoTraffic(int grpcPort, String token) {
        channel = NettyChannelBuilder.forAddress("127.0.0.1", grpcPort).usePlaintext().build();
        Metadata auth = new Metadata();
        auth.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
        batches = OrderBatchServiceGrpc.newBlockingStub(channel)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(auth));
        strategies = StrategyServiceGrpc.newBlockingStub(channel)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(auth));
    }

    /**
     * Finds the demo user's strategy (the first one named "demo"), creating it on the first start only, and starts
     * submitting; returns the strategy id. A restart on the same database keeps the id, so a dashboard URL (and
     * the README's "strategy 1") stays valid.
     */
    long start() {
        strategyId = existingStrategy().orElseGet(() -> strategies.withDeadlineAfter(10, TimeUnit.SECONDS)
                .createStrategy(CreateStrategyRequest.newBuilder().setName(STRATEGY_NAME).build()).getId());
        timer.scheduleWithFixedDelay(this::submitOne, 1, 1, TimeUnit.SECONDS);
        return strategyId;
    }

    private OptionalLong existingStrategy() {
        String pageToken = "";
        do {
            ListStrategiesResponse page = strategies.withDeadlineAfter(10, TimeUnit.SECONDS).listStrategies(
                    ListStrategiesRequest.newBuilder().setPageSize(1000).setPageToken(pageToken).build());
            for (Strategy strategy : page.getStrategiesList()) {
                if (strategy.getName().equals(STRATEGY_NAME)) {
                    return OptionalLong.of(strategy.getId());
                }
            }
            pageToken = page.getNextPageToken();
        } while (!pageToken.isEmpty());
        return OptionalLong.empty();
    }

    private void submitOne() {
        try {
            SubmitOrderBatchResponse response = batches.withDeadlineAfter(5, TimeUnit.SECONDS)
                    .submitOrderBatch(randomBatch());
            for (OperationResult result : response.getResultsList()) {
                if (result.getOutcome() == OperationOutcome.OPERATION_OUTCOME_CREATED
                        && result.getOrderType() != OrderType.ORDER_TYPE_MARKET) {
                    openOrders.addLast(result.getOrderId());
                }
            }
        } catch (StatusRuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "demo batch failed: " + e.getStatus());
        }
    }

    private SubmitOrderBatchRequest randomBatch() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        List<OrderOperation> ops = new ArrayList<>();
        int creates = random.nextInt(1, 8);
        for (int i = 0; i < creates; i++) {
            ops.add(OrderOperation.newBuilder().setCreate(randomCreate(random)).build());
        }
        int cancels = Math.min(openOrders.size(), random.nextInt(0, 5));
        for (int i = 0; i < cancels; i++) {
            ops.add(OrderOperation.newBuilder()
                    .setCancel(CancelOrder.newBuilder().setOrderId(openOrders.pollFirst())).build());
        }
        return SubmitOrderBatchRequest.newBuilder().setStrategyId(strategyId)
                .setRequestId(UUID.randomUUID().toString()).addAllOperations(ops).build();
    }

    private static CreateOrder randomCreate(ThreadLocalRandom random) {
        OrderType type = TYPES[random.nextInt(10) < 6 ? 0 : random.nextInt(TYPES.length)];
        long price = 50_000 + random.nextInt(-500, 500);
        CreateOrder.Builder create = CreateOrder.newBuilder()
                .setSymbol("BTC-USDT")
                .setSide(random.nextBoolean() ? Side.SIDE_BUY : Side.SIDE_SELL)
                .setOrderType(type)
                .setQuantity("0.0" + random.nextInt(1, 10));
        if (type == OrderType.ORDER_TYPE_LIMIT || type == OrderType.ORDER_TYPE_STOP_LIMIT) {
            create.setPrice(Long.toString(price));
        }
        if (type == OrderType.ORDER_TYPE_STOP_LIMIT || type == OrderType.ORDER_TYPE_STOP_MARKET) {
            create.setStopPrice(Long.toString(price - 100));
        }
        return create.build();
    }

    @Override
    public void close() {
        timer.shutdownNow();
        channel.shutdownNow();
    }
}
