package io.batchcast.adapter.grpc;

import io.batchcast.application.port.in.FrameSink;
import io.batchcast.application.port.in.StreamProtocol;
import io.batchcast.domain.StoredEvent;
import io.batchcast.proto.v1.OrderBatchEvent;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One StreamOrderBatchEvents call as the delivery core's sink and protocol: events are {@link OrderBatchEvent}
 * messages (encoded once per subscriber; protobuf messages are immutable), a write waits while gRPC flow control
 * says the client is not ready, and the call has no resync message (an unusable cursor ends it) and no keepalive
 * (HTTP/2 pings do that). Only the stream's writer thread touches the observer, which is not thread-safe.
 */
final class EventCallSink implements FrameSink<OrderBatchEvent>, StreamProtocol<OrderBatchEvent> {

    private final ServerCallStreamObserver<OrderBatchEvent> observer;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private volatile boolean cancelled;
    private volatile boolean aborted;
    private volatile Runnable onCancel = () -> { };

    /** Call on the call's thread, before the service method returns (gRPC only takes handlers then). */
    EventCallSink(ServerCallStreamObserver<OrderBatchEvent> observer) {
        this.observer = observer;
        observer.setOnReadyHandler(this::signal);
        observer.setOnCancelHandler(() -> {
            cancelled = true;
            signal();
            onCancel.run();
        });
    }

    /** What to do when the client cancels (at once, if it already has): give up the stream. */
    void onCancel(Runnable action) {
        onCancel = action;
        if (cancelled) {
            action.run();
        }
    }

    @Override
    public List<OrderBatchEvent> opening() {
        return List.of();
    }

    @Override
    public Optional<OrderBatchEvent> event(StoredEvent event, String cursor) {
        // OrderBatchEvent has no field for a period's summary: the stream carries batch events only (the ids of the
        // batch events it sends stay exact cursors; a resume skips the summaries the same way). A strategy's
        // stream: its cursor is the event id the mapper writes.
        return event.batchEvent().isPresent() ? Optional.of(OrderBatchMapper.event(event)) : Optional.empty();
    }

    @Override
    public Optional<OrderBatchEvent> coalesced(StoredEvent merged, int batchCount, String cursor) {
        // the merged event carries the last merged event's id, which the mapper writes as event_id
        return Optional.of(OrderBatchMapper.event(merged).toBuilder().setBatchCount(batchCount).build());
    }

    @Override
    public Optional<OrderBatchEvent> resync(String headCursor, String reason) {
        return Optional.empty();
    }

    @Override
    public Optional<Keepalive<OrderBatchEvent>> keepalive() {
        return Optional.empty();
    }

    @Override
    public void write(List<OrderBatchEvent> frames) {
        for (OrderBatchEvent frame : frames) {
            awaitReady();
            observer.onNext(frame);
        }
    }

    @Override
    public void abort() {
        aborted = true;
        signal();
    }

    /** Ends the call with {@code status}, unless the client already left. */
    void end(StatusRuntimeException status) {
        if (!cancelled) {
            observer.onError(status);
        }
    }

    private void awaitReady() {
        lock.lock();
        try {
            while (!observer.isReady() && !cancelled && !aborted) {
                changed.await();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the client", e);
        } finally {
            lock.unlock();
        }
        if (cancelled || aborted) {
            throw new IllegalStateException(cancelled ? "the client cancelled the call" : "the call was cut off");
        }
    }

    private void signal() {
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
