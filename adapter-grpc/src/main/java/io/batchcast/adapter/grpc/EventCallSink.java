package io.batchcast.adapter.grpc;

import io.batchcast.application.port.in.FrameSink;
import io.batchcast.proto.v1.OrderBatchEvent;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One StreamOrderBatchEvents call as the delivery core's sink for {@link EventMessages}: a write waits while gRPC flow
 * control says the client is not ready. Only the stream's writer thread touches the observer, which is not
 * thread-safe.
 */
final class EventCallSink implements FrameSink<OrderBatchEvent> {

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
