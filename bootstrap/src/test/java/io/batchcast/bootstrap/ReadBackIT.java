package io.batchcast.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.batchcast.proto.v1.CreateOrder;
import io.batchcast.proto.v1.GetOrderBatchRequest;
import io.batchcast.proto.v1.ListOrdersRequest;
import io.batchcast.proto.v1.ListOrdersResponse;
import io.batchcast.proto.v1.Order;
import io.batchcast.proto.v1.OrderBatchServiceGrpc;
import io.batchcast.proto.v1.OrderOperation;
import io.batchcast.proto.v1.OrderStatus;
import io.batchcast.proto.v1.OrderType;
import io.batchcast.proto.v1.Side;
import io.batchcast.proto.v1.SubmitOrderBatchResponse;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** GetOrderBatch and ListOrders against the jar, over a real socket, on the embedded SQLite and on PostgreSQL. */
class ReadBackIT {

    @TempDir
    Path workDir;

    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void batchesAndOrdersReadBackExactlyPageByPage(String database) throws Exception {
        try (ThrowawayPostgres postgres = new ThrowawayPostgres();
                RunningJar server = new RunningJar(workDir, database.equals("sqlite") ? Map.of() : postgres.env());
                TestClient alice = new TestClient(server.grpcPort, "alice")) {
            ManagedChannel channel = NettyChannelBuilder.forAddress("127.0.0.1", server.grpcPort).usePlaintext().build();
            try {
                readBack(alice, stub(channel, alice.token), stub(channel, token("bob")));
            } finally {
                channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }
        }
    }

    private static void readBack(TestClient alice, OrderBatchServiceGrpc.OrderBatchServiceBlockingStub asAlice,
            OrderBatchServiceGrpc.OrderBatchServiceBlockingStub asBob) {
        long strategy = alice.createStrategy("grid");
        SubmitOrderBatchResponse first = alice.submit(strategy, "req-1", List.of(limit("c0", "1.50", "30000.10")));
        List<String> orderIds = new ArrayList<>(List.of(first.getResults(0).getOrderId()));
        for (int i = 1; i < 5; i++) { // one batch each, so that creation order is submit order
            orderIds.add(alice.submit(strategy, "", List.of(limit("c" + i, "0.01", "50000"))).getResults(0)
                    .getOrderId());
        }
        alice.submit(strategy, "", List.of(TestClient.cancel(orderIds.get(1))));

        assertEquals(first, asAlice.getOrderBatch(GetOrderBatchRequest.newBuilder().setStrategyId(strategy)
                .setBatchId(first.getBatchId()).build()));

        ListOrdersResponse page1 = list(asAlice, strategy, 2, "", OrderStatus.ORDER_STATUS_UNSPECIFIED);
        ListOrdersResponse page2 = list(asAlice, strategy, 2, page1.getNextPageToken(),
                OrderStatus.ORDER_STATUS_UNSPECIFIED);
        ListOrdersResponse page3 = list(asAlice, strategy, 2, page2.getNextPageToken(),
                OrderStatus.ORDER_STATUS_UNSPECIFIED);
        assertEquals(List.of("c4", "c3"), clientOrderIds(page1));
        assertEquals(List.of("c2", "c1"), clientOrderIds(page2));
        assertEquals(List.of("c0"), clientOrderIds(page3));
        assertEquals("", page3.getNextPageToken());

        Order oldest = page3.getOrders(0);
        assertEquals(orderIds.get(0), oldest.getOrderId());
        assertEquals("1.5", oldest.getQuantity());
        assertEquals("30000.1", oldest.getPrice());
        assertEquals("", oldest.getStopPrice());
        assertEquals(OrderStatus.ORDER_STATUS_OPEN, oldest.getStatus());
        assertEquals(oldest.getCreatedAt(), oldest.getUpdatedAt());
        Order cancelled = page2.getOrders(1);
        assertEquals(OrderStatus.ORDER_STATUS_CANCELLED, cancelled.getStatus());
        assertEquals(1, Long.signum(Duration.between(instant(cancelled.getCreatedAt()),
                instant(cancelled.getUpdatedAt())).toNanos()));

        assertEquals(List.of("c1"), clientOrderIds(list(asAlice, strategy, 0, "", OrderStatus.ORDER_STATUS_CANCELLED)));
        assertEquals(List.of("c4", "c3", "c2", "c0"),
                clientOrderIds(list(asAlice, strategy, 0, "", OrderStatus.ORDER_STATUS_OPEN)));

        StatusRuntimeException bob = assertThrows(StatusRuntimeException.class,
                () -> list(asBob, strategy, 0, "", OrderStatus.ORDER_STATUS_UNSPECIFIED));
        assertEquals(Status.Code.NOT_FOUND, bob.getStatus().getCode());
        StatusRuntimeException bobsGet = assertThrows(StatusRuntimeException.class, () -> asBob.getOrderBatch(
                GetOrderBatchRequest.newBuilder().setStrategyId(strategy).setBatchId(first.getBatchId()).build()));
        assertEquals(Status.Code.NOT_FOUND, bobsGet.getStatus().getCode());
        StatusRuntimeException badToken = assertThrows(StatusRuntimeException.class,
                () -> list(asAlice, strategy, 0, "bm90LWEtdG9rZW4", OrderStatus.ORDER_STATUS_UNSPECIFIED));
        assertEquals(Status.Code.INVALID_ARGUMENT, badToken.getStatus().getCode());
        assertEquals("page_token: must be a next_page_token returned by ListOrders, or empty for the first page",
                badToken.getStatus().getDescription());
    }

    private static OrderOperation limit(String clientOrderId, String quantity, String price) {
        return OrderOperation.newBuilder().setCreate(CreateOrder.newBuilder().setClientOrderId(clientOrderId)
                .setSymbol("BTC-USDT").setSide(Side.SIDE_BUY).setOrderType(OrderType.ORDER_TYPE_LIMIT)
                .setQuantity(quantity).setPrice(price)).build();
    }

    private static ListOrdersResponse list(OrderBatchServiceGrpc.OrderBatchServiceBlockingStub stub, long strategy,
            int pageSize, String pageToken, OrderStatus status) {
        return stub.withDeadlineAfter(10, TimeUnit.SECONDS).listOrders(ListOrdersRequest.newBuilder()
                .setStrategyId(strategy).setPageSize(pageSize).setPageToken(pageToken).setStatus(status).build());
    }

    private static List<String> clientOrderIds(ListOrdersResponse response) {
        return response.getOrdersList().stream().map(Order::getClientOrderId).toList();
    }

    private static java.time.Instant instant(com.google.protobuf.Timestamp t) {
        return java.time.Instant.ofEpochSecond(t.getSeconds(), t.getNanos());
    }

    private static String token(String userId) {
        return new TokenIssuer(JwtSecret.fromConfig(RunningJar.SECRET), Clock.systemUTC())
                .issue(userId, Duration.ofHours(1));
    }

    private static OrderBatchServiceGrpc.OrderBatchServiceBlockingStub stub(ManagedChannel channel, String token) {
        Metadata auth = new Metadata();
        auth.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
        return OrderBatchServiceGrpc.newBlockingStub(channel).withInterceptors(
                MetadataUtils.newAttachHeadersInterceptor(auth));
    }
}
