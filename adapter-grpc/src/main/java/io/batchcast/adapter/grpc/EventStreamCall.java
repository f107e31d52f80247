package io.batchcast.adapter.grpc;

import com.google.rpc.Code;
import io.batchcast.application.port.in.EventListener;
import io.batchcast.application.port.in.Subscription;
import io.batchcast.domain.EventId;
import io.batchcast.domain.StoredEvent;
import io.batchcast.proto.v1.OrderBatchEvent;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * One StreamOrderBatchEvents call: takes events from the publishing thread without blocking it, and writes them only
 * while gRPC flow control says the client keeps up. The buffer in between is bounded; a client that falls further
 * behind is cut off with RESOURCE_EXHAUSTED and resumes by its cursor, so it cannot make the server hold an ever
 * growing backlog. Writes come from the publishing thread and from gRPC's on-ready callback; a work-in-progress
 * counter makes exactly one of them write at a time, since a StreamObserver is not thread-safe.
 */
final class EventStreamCall implements EventListener {

    private record Ending(StatusRuntimeException status, boolean dropPending) {
    }

    private final ServerCallStreamObserver<OrderBatchEvent> observer;
    private final int capacity;
    private final Consumer<EventStreamCall> onEnd;
    private final Queue<OrderBatchEvent> pending = new ConcurrentLinkedQueue<>();
    private final AtomicInteger pendingCount = new AtomicInteger();
    private final AtomicInteger wip = new AtomicInteger();
    private final AtomicReference<Ending> ending = new AtomicReference<>();
    private final AtomicBoolean ended = new AtomicBoolean();
    private final AtomicBoolean unsubscribed = new AtomicBoolean();
    private volatile boolean finished;
    private volatile Subscription subscription;

    /** @param onEnd runs once when the call ends, however it ends */
    EventStreamCall(ServerCallStreamObserver<OrderBatchEvent> observer, int capacity, Consumer<EventStreamCall> onEnd) {
        this.observer = observer;
        this.capacity = capacity;
        this.onEnd = onEnd;
    }

    @Override
    public void onEvent(StoredEvent event) {
        if (finished || ending.get() != null) {
            return;
        }
        if (event.batchEvent().isEmpty()) {
            // OrderBatchEvent has no field for a period's summary: the stream carries batch events only (the ids
            // of the batch events it sends stay exact cursors; a resume skips the summaries the same way)
            return;
        }
        if (pendingCount.incrementAndGet() > capacity) {
            end(slowConsumer(), true);
            return;
        }
        pending.offer(OrderBatchMapper.event(event));
        drain();
    }

    @Override
    public void onResync(Optional<EventId> head, String reason) {
        // events queued before the resync are still valid: they are sent first
        end(cursorOutOfRange(head, reason), false);
    }

    /** The subscription delivering to this call; closed at once if the call already ended. */
    void attach(Subscription subscribed) {
        this.subscription = subscribed;
        if (ended.get()) {
            unsubscribe();
        }
    }

    /** Ends the call with {@code status}, after the queued events unless {@code dropPending}. */
    void end(StatusRuntimeException status, boolean dropPending) {
        ending.compareAndSet(null, new Ending(status, dropPending));
        drain();
    }

    /** The client went away (cancelled, deadline passed, connection lost). */
    void cancelled() {
        finished = true;
        pending.clear();
        release();
    }

    /** Writes what the client can take now; called on new events and when gRPC says the client is ready again. */
    void drain() {
        if (wip.getAndIncrement() != 0) {
            return;
        }
        int missed = 1;
        do {
            emit();
            missed = wip.addAndGet(-missed);
        } while (missed != 0);
    }

    private void emit() {
        while (!finished) {
            Ending end = ending.get();
            if (end != null && (end.dropPending() || pending.isEmpty())) {
                finished = true;
                pending.clear();
                observer.onError(end.status());
                release();
                return;
            }
            if (!observer.isReady()) {
                return;
            }
            OrderBatchEvent next = pending.poll();
            if (next == null) {
                return;
            }
            pendingCount.decrementAndGet();
            observer.onNext(next);
        }
    }

    private void release() {
        if (ended.compareAndSet(false, true)) {
            onEnd.accept(this);
            unsubscribe();
        }
    }

    private void unsubscribe() {
        Subscription current = subscription;
        if (current != null && unsubscribed.compareAndSet(false, true)) {
            current.close();
        }
    }

    private StatusRuntimeException slowConsumer() {
        return FailureStatus.withErrorInfo(Code.RESOURCE_EXHAUSTED,
                "the stream fell more than " + capacity + " events behind; call again with after_event_id set to"
                        + " the last event_id you received",
                "SLOW_CONSUMER", Map.of("max_buffered_events", Integer.toString(capacity)));
    }

    private static StatusRuntimeException cursorOutOfRange(Optional<EventId> head, String reason) {
        String headId = head.map(EventId::toString).orElse("");
        return FailureStatus.withErrorInfo(Code.OUT_OF_RANGE,
                "after_event_id cannot be resumed from (" + reason + "); call again with after_event_id set to"
                        + " head_event_id '" + headId + "' from the error details (events in between are lost)",
                "CURSOR_OUT_OF_RANGE", Map.of("head_event_id", headId, "cause", reason));
    }
}
