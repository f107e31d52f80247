package io.batchcast.bootstrap;

import io.batchcast.proto.v1.CancelOrder;
import io.batchcast.proto.v1.CreateOrder;
import io.batchcast.proto.v1.CreateStrategyRequest;
import io.batchcast.proto.v1.OrderBatchEvent;
import io.batchcast.proto.v1.OrderBatchServiceGrpc;
import io.batchcast.proto.v1.OrderOperation;
import io.batchcast.proto.v1.OrderType;
import io.batchcast.proto.v1.Side;
import io.batchcast.proto.v1.StrategyServiceGrpc;
import io.batchcast.proto.v1.StreamOrderBatchEventsRequest;
import io.batchcast.proto.v1.SubmitOrderBatchRequest;
import io.batchcast.proto.v1.SubmitOrderBatchResponse;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A strategy engine's view of a running server: a real gRPC channel and a token for one user. */
final class TestClient implements AutoCloseable {

    final String token;
    private final ManagedChannel channel;
    private final OrderBatchServiceGrpc.OrderBatchServiceBlockingStub batches;
    private final StrategyServiceGrpc.StrategyServiceBlockingStub strategies;

    TestClient(int grpcPort, String userId) {
        this(new TokenIssuer(JwtSecret.fromConfig(RunningJar.SECRET), Clock.systemUTC())
                .issue(userId, Duration.ofHours(1)), grpcPort);
    }

    /** A client sending {@code token}, e.g. one of an identity provider. */
    TestClient(String token, int grpcPort) {
        this.token = token;
        channel = NettyChannelBuilder.forAddress("127.0.0.1", grpcPort).usePlaintext().build();
        Metadata auth = new Metadata();
        auth.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
        batches = OrderBatchServiceGrpc.newBlockingStub(channel)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(auth));
        strategies = StrategyServiceGrpc.newBlockingStub(channel)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(auth));
    }

    long createStrategy(String name) {
        return strategies.withDeadlineAfter(10, TimeUnit.SECONDS)
                .createStrategy(CreateStrategyRequest.newBuilder().setName(name).build()).getId();
    }

    SubmitOrderBatchResponse submit(long strategyId, String requestId, List<OrderOperation> ops) {
        return batches.withDeadlineAfter(10, TimeUnit.SECONDS).submitOrderBatch(SubmitOrderBatchRequest.newBuilder()
                .setStrategyId(strategyId).setRequestId(requestId).addAllOperations(ops).build());
    }

    /**
     * Retries a submit with its request id until it is answered, as a client does while the gateway settles an
     * unknown outcome (UNAVAILABLE or ABORTED until then).
     */
    SubmitOrderBatchResponse submitUntilAnswered(long strategyId, String requestId, List<OrderOperation> ops)
            throws InterruptedException {
        java.time.Instant deadline = java.time.Instant.now().plusSeconds(60);
        RuntimeException last = null;
        while (java.time.Instant.now().isBefore(deadline)) {
            try {
                return submit(strategyId, requestId, ops);
            } catch (io.grpc.StatusRuntimeException e) {
                last = e;
                Thread.sleep(250);
            }
        }
        throw new AssertionError(requestId + " was never answered", last);
    }

    /** The events after {@code afterEventId}, replayed then live, up to and including {@code lastEventId}. */
    List<OrderBatchEvent> eventsAfter(long strategyId, String afterEventId, String lastEventId) {
        List<OrderBatchEvent> events = new ArrayList<>();
        var stream = batches.withDeadlineAfter(30, TimeUnit.SECONDS).streamOrderBatchEvents(
                StreamOrderBatchEventsRequest.newBuilder().setStrategyId(strategyId).setAfterEventId(afterEventId).build());
        try {
            while (stream.hasNext()) {
                OrderBatchEvent event = stream.next();
                events.add(event);
                if (event.getEventId().equals(lastEventId)) {
                    break;
                }
            }
        } catch (io.grpc.StatusRuntimeException e) {
            // which ids came before the stream failed tells a gap from a slow replay
            throw new AssertionError("the stream ended (" + e.getStatus() + ") before " + lastEventId + " after "
                    + events.size() + " events: " + events.stream().map(OrderBatchEvent::getEventId).toList(), e);
        }
        return events;
    }

    static List<OrderOperation> limits(int n, String prefix) {
        List<OrderOperation> ops = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ops.add(OrderOperation.newBuilder().setCreate(CreateOrder.newBuilder().setClientOrderId(prefix + i)
                    .setSymbol("BTC-USDT").setSide(Side.SIDE_BUY).setOrderType(OrderType.ORDER_TYPE_LIMIT)
                    .setQuantity("0.01").setPrice("50000")).build());
        }
        return ops;
    }

    static List<OrderOperation> stopLimits(int n, String prefix) {
        List<OrderOperation> ops = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ops.add(OrderOperation.newBuilder().setCreate(CreateOrder.newBuilder().setClientOrderId(prefix + i)
                    .setSymbol("BTC-USDT").setSide(Side.SIDE_SELL).setOrderType(OrderType.ORDER_TYPE_STOP_LIMIT)
                    .setQuantity("1").setPrice("49000").setStopPrice("49500")).build());
        }
        return ops;
    }

    static OrderOperation cancel(String orderId) {
        return OrderOperation.newBuilder().setCancel(CancelOrder.newBuilder().setOrderId(orderId)).build();
    }

    /** The SSE frame the server must send for this response's event, byte for byte but for the timestamp. */
    static String expectedFrame(long strategyId, SubmitOrderBatchResponse response, String summariesJson, String ts) {
        return "id: " + response.getEventId() + "\nevent: order_batch_update\ndata: "
                + "{\"type\":\"order_batch_update\",\"data\":{\"strategy_id\":" + strategyId + ",\"batch_id\":\""
                + response.getBatchId() + "\",\"summaries\":" + summariesJson + ",\"timestamp\":\"" + ts + "\"}}\n\n";
    }

    static String timestampOf(String frame) {
        int at = frame.indexOf("\"timestamp\":\"");
        return at < 0 ? "" : frame.substring(at + 13, frame.indexOf('"', at + 13));
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() {
        channel.shutdownNow();
    }
}
