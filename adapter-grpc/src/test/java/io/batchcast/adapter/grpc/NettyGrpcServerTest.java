package io.batchcast.adapter.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JWSAlgorithm;
import io.batchcast.adapter.exchange.PaperExchange;
import io.batchcast.adapter.exchange.PaperExchangeSettings;
import io.batchcast.application.service.BatchLimits;
import io.batchcast.application.service.DeliveryCounters;
import io.batchcast.application.service.DeliveryLimits;
import io.batchcast.application.service.EventDelivery;
import io.batchcast.application.service.EventFeed;
import io.batchcast.application.service.ManagingStrategies;
import io.batchcast.application.service.ReadingBack;
import io.batchcast.application.service.SubmittingOrderBatches;
import io.batchcast.application.testing.InMemoryStore;
import io.batchcast.proto.v1.CreateStrategyRequest;
import io.batchcast.proto.v1.OrderBatchEvent;
import io.batchcast.proto.v1.OrderBatchServiceGrpc;
import io.batchcast.proto.v1.OrderType;
import io.batchcast.proto.v1.OrderTypeSummary;
import io.batchcast.proto.v1.StrategyServiceGrpc;
import io.batchcast.proto.v1.StreamOrderBatchEventsRequest;
import io.batchcast.proto.v1.SubmitOrderBatchResponse;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The production server, over a real TCP socket, with a 32-byte secret as an operator would configure it. */
class NettyGrpcServerTest {

    private static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private GrpcServer server;
    private ManagedChannel channel;
    private EventFeed feed;
    private EventDelivery delivery;

    @BeforeEach
    void start() {
        InMemoryStore store = new InMemoryStore();
        feed = new EventFeed(store, store, EventFeed.DEFAULT_MAX_REPLAY);
        delivery = new EventDelivery(feed, DeliveryLimits.defaults(), new DeliveryCounters(), Clock.systemUTC());
        ManagingStrategies strategies = new ManagingStrategies(store, Clock.systemUTC());
        ReadingBack reading = new ReadingBack(store, store, store);
        SubmittingOrderBatches submitting = new SubmittingOrderBatches(store, store, store, store,
                new PaperExchange(PaperExchangeSettings.defaults()), feed, Clock.systemUTC(), BatchLimits.defaults());
        server = new GrpcServer(GrpcSettings.defaults().withPort(0).withMaxInboundMessageBytes(64 * 1024),
                new GrpcUseCases(submitting, delivery, strategies, strategies, reading, reading,
                        (user, query) -> List.of()), Tokens.verifier(SECRET, Clock.systemUTC())).start();
        channel = NettyChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build();
    }

    @AfterEach
    void stop() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        delivery.close();
        server.shutdown(Duration.ofSeconds(5));
    }

    private static String token() {
        return Tokens.signed(JWSAlgorithm.HS256, SECRET, "alice", Instant.now().plusSeconds(600));
    }

    @Test
    void servesAStrategyABatchAndItsEventOverTcp() throws Exception {
        var strategies = StrategyServiceGrpc.newBlockingStub(channel).withInterceptors(Tokens.bearer(token()));
        var orderBatches = OrderBatchServiceGrpc.newBlockingStub(channel).withInterceptors(Tokens.bearer(token()));
        long strategy = strategies.createStrategy(CreateStrategyRequest.newBuilder().setName("grid").build()).getId();
        EventRecorder events = EventRecorder.reading();
        OrderBatchServiceGrpc.newStub(channel).withInterceptors(Tokens.bearer(token())).streamOrderBatchEvents(
                StreamOrderBatchEventsRequest.newBuilder().setStrategyId(strategy).build(), events);
        awaitSubscribed();

        SubmitOrderBatchResponse response = orderBatches.submitOrderBatch(
                Batches.batch(strategy, Batches.limit("l1"), Batches.stopLimit("s1")));

        assertEquals(2, response.getResultsCount());
        assertEquals("mem-1", response.getEventId());
        assertEquals(response.getBatchId(), events.next().getBatchId());
        assertNotEquals(9090, server.port());
    }

    @Test
    void twentyBatchesWithinTheCoalescingWindowArriveAsOneEventAndItsIdResumesWithBatchTwentyOne() throws Exception {
        var strategies = StrategyServiceGrpc.newBlockingStub(channel).withInterceptors(Tokens.bearer(token()));
        var orderBatches = OrderBatchServiceGrpc.newBlockingStub(channel).withInterceptors(Tokens.bearer(token()));
        var streams = OrderBatchServiceGrpc.newStub(channel).withInterceptors(Tokens.bearer(token()));
        long strategy = strategies.createStrategy(CreateStrategyRequest.newBuilder().setName("grid").build()).getId();
        EventRecorder coalesced = EventRecorder.reading();
        streams.streamOrderBatchEvents(StreamOrderBatchEventsRequest.newBuilder().setStrategyId(strategy)
                .setCoalesceMs(3000).build(), coalesced);
        awaitSubscribed();

        SubmitOrderBatchResponse last = null;
        for (int i = 1; i <= 20; i++) {
            // batch i: one LIMIT and, every other batch, one STOP_LIMIT
            last = orderBatches.submitOrderBatch(i % 2 == 0
                    ? Batches.batch(strategy, Batches.limit("l" + i), Batches.stopLimit("s" + i))
                    : Batches.batch(strategy, Batches.limit("l" + i)));
        }

        OrderBatchEvent merged = coalesced.next();
        assertEquals(OrderBatchEvent.newBuilder().setEventId("mem-20").setStrategyId(strategy)
                .setBatchId(last.getBatchId())
                .addSummaries(OrderTypeSummary.newBuilder().setOrderType(OrderType.ORDER_TYPE_LIMIT).setCreated(20))
                .addSummaries(OrderTypeSummary.newBuilder().setOrderType(OrderType.ORDER_TYPE_STOP_LIMIT)
                        .setCreated(10))
                .setTimestamp(merged.getTimestamp()).setBatchCount(20).build(), merged);
        assertEquals(List.of(), coalesced.receivedIds(), "one event for the twenty batches");

        EventRecorder resumed = EventRecorder.reading();
        streams.streamOrderBatchEvents(StreamOrderBatchEventsRequest.newBuilder().setStrategyId(strategy)
                .setAfterEventId(merged.getEventId()).build(), resumed);
        SubmitOrderBatchResponse batch21 = orderBatches.submitOrderBatch(Batches.batch(strategy,
                Batches.limit("l21")));
        OrderBatchEvent next = resumed.next();
        assertEquals("mem-21", next.getEventId());
        assertEquals(batch21.getBatchId(), next.getBatchId());
        assertEquals(0, next.getBatchCount(), "a single batch carries no batch_count");
        assertEquals(List.of(), resumed.receivedIds(), "nothing repeated");
    }

    @Test
    void twoAuthorizationHeadersOverHttp2AreUnauthenticated() {
        var strategies = StrategyServiceGrpc.newBlockingStub(channel).withInterceptors(
                Tokens.authorization("Bearer " + token(), "Bearer " + token()));

        StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
                () -> strategies.createStrategy(CreateStrategyRequest.newBuilder().setName("grid").build()));

        assertEquals(Status.Code.UNAUTHENTICATED, e.getStatus().getCode());
        assertEquals("exactly one authorization header is required, the call has 2", e.getStatus().getDescription());
    }

    @Test
    void requestThatIsNotValidProtobufIsInvalidArgument() {
        // field 2 (request_id), length 3: ED A0 80 is a UTF-16 surrogate in CESU-8, which is not UTF-8
        byte[] invalidUtf8 = {0x12, 0x03, (byte) 0xED, (byte) 0xA0, (byte) 0x80};
        // field 1 (name), length 5, but the message ends after 2 bytes
        byte[] truncated = {0x0A, 0x05, 'g', 'r'};

        Status submit = rawCallFails("batchcast.v1.OrderBatchService/SubmitOrderBatch", invalidUtf8, token());
        Status create = rawCallFails("batchcast.v1.StrategyService/CreateStrategy", truncated, token());

        assertEquals(Status.Code.INVALID_ARGUMENT, submit.getCode());
        assertEquals("the request is not a valid batchcast.v1.SubmitOrderBatchRequest message: Protocol message had"
                + " invalid UTF-8.", submit.getDescription());
        assertEquals(Status.Code.INVALID_ARGUMENT, create.getCode());
        assertEquals("the request is not a valid batchcast.v1.CreateStrategyRequest message: While parsing a protocol"
                + " message, the input ended unexpectedly in the middle of a field.  This could mean either that the"
                + " input has been truncated or that an embedded message misreported its own length.",
                create.getDescription());
    }

    @Test
    void requestThatIsNotValidProtobufWithoutATokenIsUnauthenticatedFirst() {
        Status status = rawCallFails("batchcast.v1.StrategyService/CreateStrategy", new byte[] {0x0A, 0x05}, null);

        assertEquals(Status.Code.UNAUTHENTICATED, status.getCode());
        assertEquals("missing authorization metadata; send 'authorization: Bearer <jwt>'", status.getDescription());
    }

    /** Sends {@code body} as the request message, byte for byte, the way a client with a broken encoder would. */
    private Status rawCallFails(String fullMethodName, byte[] body, String token) {
        MethodDescriptor.Marshaller<byte[]> bytes = new MethodDescriptor.Marshaller<>() {
            @Override
            public InputStream stream(byte[] value) {
                return new ByteArrayInputStream(value);
            }

            @Override
            public byte[] parse(InputStream stream) {
                try {
                    return stream.readAllBytes();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
        MethodDescriptor<byte[], byte[]> method = MethodDescriptor.<byte[], byte[]>newBuilder()
                .setType(MethodDescriptor.MethodType.UNARY).setFullMethodName(fullMethodName)
                .setRequestMarshaller(bytes).setResponseMarshaller(bytes).build();
        Channel caller = token == null ? channel : ClientInterceptors.intercept(channel, Tokens.bearer(token));
        return assertThrows(StatusRuntimeException.class, () -> ClientCalls.blockingUnaryCall(caller, method,
                CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS), body)).getStatus();
    }

    @Test
    void requestLargerThanTheInboundLimitIsResourceExhausted() {
        var orderBatches = OrderBatchServiceGrpc.newBlockingStub(channel).withInterceptors(Tokens.bearer(token()));

        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> orderBatches.submitOrderBatch(
                Batches.batch(1, "", Collections.nCopies(2_000, Batches.limit("same-id")))));

        assertEquals(Status.Code.RESOURCE_EXHAUSTED, e.getStatus().getCode());
        assertTrue(e.getStatus().getDescription().contains("exceeds maximum size 65536"),
                e.getStatus().getDescription());
    }

    @Test
    void shutdownEndsOpenStreamsSoItNeedNotWaitForTheGracePeriod() throws Exception {
        var strategies = StrategyServiceGrpc.newBlockingStub(channel).withInterceptors(Tokens.bearer(token()));
        long strategy = strategies.createStrategy(CreateStrategyRequest.newBuilder().setName("grid").build()).getId();
        EventRecorder events = EventRecorder.reading();
        OrderBatchServiceGrpc.newStub(channel).withInterceptors(Tokens.bearer(token())).streamOrderBatchEvents(
                StreamOrderBatchEventsRequest.newBuilder().setStrategyId(strategy).build(), events);
        awaitSubscribed();

        // a stream never ends by itself: without ending it, shutdown would wait the whole grace period
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            delivery.close();
            server.shutdown(Duration.ofMinutes(5));
        });

        assertTrue(server.isTerminated());
        StatusRuntimeException e = events.failure();
        assertEquals(Status.Code.UNAVAILABLE, e.getStatus().getCode());
        assertEquals("the server is shutting down; call again with after_event_id to resume",
                e.getStatus().getDescription());
    }

    /** The server subscribes a stream asynchronously to the client's call; wait until it has. */
    private void awaitSubscribed() throws InterruptedException {
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (feed.watchedStreams() == 0) {
            assertTrue(System.nanoTime() < giveUp, "the stream was not subscribed within 10 s");
            Thread.sleep(10);
        }
    }
}
