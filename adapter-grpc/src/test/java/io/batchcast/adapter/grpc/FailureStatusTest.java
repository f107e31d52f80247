package io.batchcast.adapter.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchcast.application.port.in.OpenEventStream;
import io.batchcast.application.port.in.OpenEventStreamUseCase;
import io.batchcast.application.port.in.RequestInProgressException;
import io.batchcast.application.port.in.StoreUnavailableException;
import io.batchcast.application.port.in.StreamOpening;
import io.batchcast.application.port.in.SubmitOrderBatchUseCase;
import io.batchcast.application.port.in.StreamProtocol;
import io.batchcast.proto.v1.OrderBatchServiceGrpc;
import io.batchcast.proto.v1.StreamOrderBatchEventsRequest;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The error model for failures the real application produces only under load or outage: here a use case that
 * fails on purpose stands in for it.
 */
class FailureStatusTest {

    private GrpcServer server;
    private ManagedChannel channel;

    @AfterEach
    void close() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        server.shutdown(Duration.ofSeconds(5));
    }

    private StatusRuntimeException submitFailingWith(RuntimeException failure) {
        SubmitOrderBatchUseCase failing = command -> {
            throw failure;
        };
        String name = InProcessServerBuilder.generateName();
        server = new GrpcServer(InProcessServerBuilder.forName(name).directExecutor(), GrpcSettings.defaults(),
                new GrpcUseCases(failing, FailureStatusTest::neverOpens,
                        (user, strategyName) -> null, (user, after, limit) -> List.of(),
                        (user, strategy, batch) -> null, query -> null, (user, query) -> List.of()),
                Tokens.verifier(Tokens.SECRET, InProcessBatchcast.CLOCK), null).start();
        channel = InProcessChannelBuilder.forName(name).directExecutor().build();
        var stub = OrderBatchServiceGrpc.newBlockingStub(channel).withInterceptors(Tokens.bearer(Tokens.valid("alice")));
        return assertThrows(StatusRuntimeException.class,
                () -> stub.submitOrderBatch(Batches.batch(1, Batches.limit("l1"))));
    }

    @Test
    void requestStillInProgressIsAborted() {
        StatusRuntimeException e = submitFailingWith(new RequestInProgressException("order-42"));

        assertEquals(Status.Code.ABORTED, e.getStatus().getCode());
        assertEquals("request_id 'order-42' is still being executed by another call; retry shortly",
                e.getStatus().getDescription());
    }

    @Test
    void abandonedRequestIdIsFailedPrecondition() {
        StatusRuntimeException e = submitFailingWith(new io.batchcast.application.port.in.RequestAbandonedException(
                "order-7", java.time.Instant.parse("2025-10-30T12:00:00Z")));

        assertEquals(Status.Code.FAILED_PRECONDITION, e.getStatus().getCode());
        assertTrue(e.getStatus().getDescription().startsWith(
                "request_id 'order-7' was claimed at 2025-10-30T12:00:00Z by a call that never finished"));
    }

    @Test
    void instanceAtItsBatchCapacityIsResourceExhausted() {
        StatusRuntimeException e = submitFailingWith(
                new io.batchcast.application.port.in.BatchCapacityExceededException(32, 1000));

        assertEquals(Status.Code.RESOURCE_EXHAUSTED, e.getStatus().getCode());
        assertEquals("this server is already executing 32 batches (limits.max-batches-in-flight) and none finished "
                + "within 1000 ms; nothing was executed, retry with backoff", e.getStatus().getDescription());
    }

    @Test
    void storeOutageIsUnavailableWithoutTheDriversText() {
        StatusRuntimeException e = submitFailingWith(new StoreUnavailableException(
                "connection to db.internal:5432 refused", new SQLException("password authentication failed")));

        assertEquals(Status.Code.UNAVAILABLE, e.getStatus().getCode());
        assertEquals("the order store is unavailable; nothing was sent to the exchange or written, retry later", e.getStatus().getDescription());
    }

    @Test
    void unexpectedFailureIsInternalWithAReferenceAndNoExceptionText() {
        StatusRuntimeException e = submitFailingWith(new IllegalStateException("secret table orders_v2 is corrupt"));

        assertEquals(Status.Code.INTERNAL, e.getStatus().getCode());
        String description = e.getStatus().getDescription();
        assertTrue(description.matches("internal error \\(reference [0-9a-f-]{36}\\)"), description);
        assertFalse(e.toString().contains("orders_v2"));
        assertEquals(null, e.getCause());
    }

    @Test
    void unexpectedFailureWhileSubscribingIsInternalToo() throws Exception {
        String name = InProcessServerBuilder.generateName();
        server = new GrpcServer(InProcessServerBuilder.forName(name).directExecutor(), GrpcSettings.defaults(),
                new GrpcUseCases(command -> null, new OpenEventStreamUseCase() {
                    @Override
                    public <F> StreamOpening<F> open(OpenEventStream request, StreamProtocol<F> protocol) {
                        throw new NullPointerException("hub map is null");
                    }
                }, (user, strategyName) -> null, (user, after, limit) -> List.of(),
                        (user, strategy, batch) -> null, query -> null, (user, query) -> List.of()),
                Tokens.verifier(Tokens.SECRET, InProcessBatchcast.CLOCK), null).start();
        channel = InProcessChannelBuilder.forName(name).directExecutor().build();
        EventRecorder events = EventRecorder.reading();

        OrderBatchServiceGrpc.newStub(channel).withInterceptors(Tokens.bearer(Tokens.valid("alice")))
                .streamOrderBatchEvents(StreamOrderBatchEventsRequest.newBuilder().setStrategyId(1).build(), events);

        StatusRuntimeException e = events.failure();
        assertEquals(Status.Code.INTERNAL, e.getStatus().getCode());
        assertFalse(e.getStatus().getDescription().contains("hub map"));
    }

    private static <F> StreamOpening<F> neverOpens(OpenEventStream request, StreamProtocol<F> protocol) {
        throw new AssertionError("no stream is opened in these tests");
    }
}
