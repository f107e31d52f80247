package io.batchcast.adapter.grpc;

import io.batchcast.application.port.in.BatchReceipt;
import io.batchcast.application.port.in.SubmitOrderBatchUseCase;
import io.batchcast.application.port.in.EventSelection;
import io.batchcast.application.port.in.OpenEventStream;
import io.batchcast.application.port.in.OpenEventStreamUseCase;
import io.batchcast.application.port.in.StreamOpening;
import io.batchcast.application.port.in.VerifiedCaller;
import io.batchcast.proto.v1.OrderBatchEvent;
import io.batchcast.proto.v1.OrderBatchServiceGrpc;
import io.batchcast.proto.v1.StreamOrderBatchEventsRequest;
import io.batchcast.proto.v1.SubmitOrderBatchRequest;
import io.batchcast.proto.v1.SubmitOrderBatchResponse;
import io.grpc.Context;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.time.Instant;

/** batchcast.v1.OrderBatchService: submitting batches and streaming their events. */
final class OrderBatchGrpcService extends OrderBatchServiceGrpc.OrderBatchServiceImplBase {

    private final SubmitOrderBatchUseCase submitOrderBatch;
    private final OpenEventStreamUseCase delivery;

    OrderBatchGrpcService(SubmitOrderBatchUseCase submitOrderBatch, OpenEventStreamUseCase delivery) {
        this.submitOrderBatch = submitOrderBatch;
        this.delivery = delivery;
    }

    @Override
    public void submitOrderBatch(
            SubmitOrderBatchRequest request, StreamObserver<SubmitOrderBatchResponse> responseObserver) {
        try {
            WireChecks.submit(request);
            // Operations run on other threads, where Context.current() is not this call's: capture the call's context
            // here so that each operation can still see whether the caller left or its deadline passed.
            Context call = Context.current();
            BatchReceipt receipt = submitOrderBatch.submit(
                    OrderBatchMapper.command(AuthInterceptor.currentUser(), request, call::isCancelled));
            responseObserver.onNext(OrderBatchMapper.response(receipt));
            responseObserver.onCompleted();
        } catch (RuntimeException e) {
            responseObserver.onError(FailureStatus.of(e));
        }
    }

    @Override
    public void streamOrderBatchEvents(
            StreamOrderBatchEventsRequest request, StreamObserver<OrderBatchEvent> responseObserver) {
        var observer = (ServerCallStreamObserver<OrderBatchEvent>) responseObserver;
        String userId = AuthInterceptor.currentUser();
        try {
            WireChecks.stream(request);
        } catch (RuntimeException e) {
            observer.onError(FailureStatus.of(e));
            return;
        }
        var call = new EventCallSink(observer);
        // the token's expiry is not passed on by the interceptor: a gRPC stream is not ended at it
        var caller = new VerifiedCaller(userId, Instant.MAX);
        var command = new OpenEventStream(caller, new EventSelection.OneStrategy(request.getStrategyId()),
                request.getAfterEventId());
        StreamOpening<OrderBatchEvent> opening;
        try {
            opening = delivery.open(command, call);
        } catch (RuntimeException e) {
            observer.onError(FailureStatus.of(e));
            return;
        }
        switch (opening) {
            // the stream's writer waits on flow control: a thread of its own, not one of gRPC's
            case StreamOpening.Opened<OrderBatchEvent> opened -> {
                call.onCancel(opened.stream()::discard);
                Thread.ofVirtual().name("grpc-event-stream")
                        .start(() -> call.end(StreamStatus.of(opened.stream().run(call))));
            }
            case StreamOpening.Refused<OrderBatchEvent> refused -> observer.onError(
                    StreamStatus.of(refused.refusal()));
        }
    }
}
