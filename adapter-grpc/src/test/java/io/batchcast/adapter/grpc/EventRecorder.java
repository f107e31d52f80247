package io.batchcast.adapter.grpc;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.batchcast.proto.v1.OrderBatchEvent;
import io.batchcast.proto.v1.StreamOrderBatchEventsRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A streaming client as a test sees it: collects events, and how the call ended. With {@code initialRequests} it
 * reads only that many events until told otherwise, like a slow consumer.
 */
final class EventRecorder implements ClientResponseObserver<StreamOrderBatchEventsRequest, OrderBatchEvent> {

    private final Integer initialRequests;
    private final BlockingQueue<OrderBatchEvent> events = new LinkedBlockingQueue<>();
    /** The call's error, or {@code null} when it completed normally. */
    private final CompletableFuture<StatusRuntimeException> end = new CompletableFuture<>();
    private volatile ClientCallStreamObserver<StreamOrderBatchEventsRequest> call;

    private EventRecorder(Integer initialRequests) {
        this.initialRequests = initialRequests;
    }

    static EventRecorder reading() {
        return new EventRecorder(null);
    }

    static EventRecorder readingOnly(int events) {
        return new EventRecorder(events);
    }

    @Override
    public void beforeStart(ClientCallStreamObserver<StreamOrderBatchEventsRequest> requestStream) {
        this.call = requestStream;
        if (initialRequests != null) {
            requestStream.disableAutoRequestWithInitial(initialRequests);
        }
    }

    @Override
    public void onNext(OrderBatchEvent event) {
        events.add(event);
    }

    @Override
    public void onError(Throwable t) {
        end.complete((StatusRuntimeException) t);
    }

    @Override
    public void onCompleted() {
        end.complete(null);
    }

    OrderBatchEvent next() throws InterruptedException {
        OrderBatchEvent event = events.poll(5, TimeUnit.SECONDS);
        assertNotNull(event, "no event within 5 s");
        return event;
    }

    List<String> receivedIds() {
        List<String> ids = new ArrayList<>();
        for (OrderBatchEvent event : events) {
            ids.add(event.getEventId());
        }
        return ids;
    }

    /** How the call failed; the exception carries the trailers with the error details. */
    StatusRuntimeException failure() throws Exception {
        StatusRuntimeException error = end.get(5, TimeUnit.SECONDS);
        assertNotNull(error, "the call completed normally");
        return error;
    }

    Status.Code failureCode() throws Exception {
        return failure().getStatus().getCode();
    }

    boolean ended() {
        return end.isDone();
    }

    void cancel() {
        call.cancel("test client leaves", null);
    }
}
