package io.batchcast.adapter.grpc;

import io.batchcast.application.port.in.FrameSink;
import io.batchcast.proto.v1.OrderBatchEvent;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ServerCallStreamObserver;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * One StreamOrderBatchEvents call as the delivery core's sink for {@link EventMessages}: a write waits while gRPC flow
 * control says the client is not ready. Only the stream's writer thread touches the observer, which is not
 * thread-safe.
 */
final class EventCallSink implements FrameSink<OrderBatchEvent> {

    private final ServerCallStreamObserver<OrderBatchEvent> observer;
    private volatile boolean cancelled;
    private volatile boolean aborted;
    private volatile Runnable onCancel = () -> { };
    /** The thread that writes, once it has; the handlers wake it. */
    private volatile Thread writer;

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
        writer = Thread.currentThread();
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
        // a wake-up that comes between the check and park() is kept as the thread's permit: park() returns at once
        while (!observer.isReady() && !cancelled && !aborted) {
            LockSupport.park(this);
            if (Thread.currentThread().isInterrupted()) {
                throw new IllegalStateException("interrupted while waiting for the client");
            }
        }
        if (cancelled || aborted) {
            throw new IllegalStateException(cancelled ? "the client cancelled the call" : "the call was cut off");
        }
    }

    private void signal() {
        Thread waiting = writer;
        if (waiting != null) {
            LockSupport.unpark(waiting);
        }
    }
}
