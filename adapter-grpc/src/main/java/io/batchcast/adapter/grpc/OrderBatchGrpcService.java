package io.batchcast.adapter.grpc;

import io.batchcast.application.port.in.BatchReceipt;
import io.batchcast.application.port.in.GetHourlyStatisticsUseCase;
import io.batchcast.application.port.in.SubmitOrderBatchUseCase;
import io.batchcast.application.port.in.SubscribeToOrderBatchEventsUseCase;
import io.batchcast.proto.v1.GetHourlyStatisticsRequest;
import io.batchcast.proto.v1.GetHourlyStatisticsResponse;
import io.batchcast.proto.v1.OrderBatchEvent;
import io.batchcast.proto.v1.OrderBatchServiceGrpc;
import io.batchcast.proto.v1.StreamOrderBatchEventsRequest;
import io.batchcast.proto.v1.SubmitOrderBatchRequest;
import io.batchcast.proto.v1.SubmitOrderBatchResponse;
import io.grpc.Context;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;

/** batchcast.v1.OrderBatchService: submitting batches, streaming their events, reading their statistics. */
final class OrderBatchGrpcService extends OrderBatchServiceGrpc.OrderBatchServiceImplBase {

    private final SubmitOrderBatchUseCase submitOrderBatch;
    private final SubscribeToOrderBatchEventsUseCase subscribeToEvents;
    private final OpenStreams openStreams;
    private final int streamBufferEvents;
    private final GetHourlyStatisticsUseCase hourlyStatistics;

    OrderBatchGrpcService(SubmitOrderBatchUseCase submitOrderBatch, SubscribeToOrderBatchEventsUseCase subscribeToEvents,
            OpenStreams openStreams, int streamBufferEvents, GetHourlyStatisticsUseCase hourlyStatistics) {
        this.hourlyStatistics = hourlyStatistics;
        this.submitOrderBatch = submitOrderBatch;
        this.subscribeToEvents = subscribeToEvents;
        this.openStreams = openStreams;
        this.streamBufferEvents = streamBufferEvents;
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
        EventStreamCall call = new EventStreamCall(observer, streamBufferEvents, c -> openStreams.closed(userId, c));
        if (!openStreams.tryOpen(userId, call)) {
            observer.onError(Status.RESOURCE_EXHAUSTED.withDescription("at most " + openStreams.maxPerUser()
                    + " concurrent StreamOrderBatchEvents calls per user; close one first").asRuntimeException());
            return;
        }
        observer.setOnCancelHandler(call::cancelled);
        observer.setOnReadyHandler(call::drain);
        try {
            call.attach(subscribeToEvents.subscribe(userId, request.getStrategyId(), request.getAfterEventId(), call));
        } catch (RuntimeException e) {
            call.end(FailureStatus.of(e), true);
        }
    }

    @Override
    public void getHourlyStatistics(
            GetHourlyStatisticsRequest request, StreamObserver<GetHourlyStatisticsResponse> responseObserver) {
        try {
            var hours = hourlyStatistics.hourlyStatistics(AuthInterceptor.currentUser(),
                    HourlyStatisticsMapper.query(request));
            responseObserver.onNext(HourlyStatisticsMapper.response(hours));
            responseObserver.onCompleted();
        } catch (RuntimeException e) {
            responseObserver.onError(FailureStatus.of(e));
        }
    }
}
