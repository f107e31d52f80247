package io.batchcast.adapter.grpc;

import io.batchcast.application.port.in.EventSelection;
import io.batchcast.application.port.in.ListOrdersQuery;
import io.batchcast.application.port.in.OpenEventStream;
import io.batchcast.application.port.in.OrderPage;
import io.batchcast.application.port.in.StreamCaller;
import io.batchcast.application.port.in.StreamOpening;
import io.batchcast.application.port.out.VerifiedCaller;
import io.batchcast.domain.Order;
import io.batchcast.domain.OrderStatus;
import io.batchcast.proto.v1.GetHourlyStatisticsRequest;
import io.batchcast.proto.v1.GetHourlyStatisticsResponse;
import io.batchcast.proto.v1.GetOrderBatchRequest;
import io.batchcast.proto.v1.ListOrdersRequest;
import io.batchcast.proto.v1.ListOrdersResponse;
import io.batchcast.proto.v1.OrderBatchEvent;
import io.batchcast.proto.v1.OrderBatchServiceGrpc;
import io.batchcast.proto.v1.StreamOrderBatchEventsRequest;
import io.batchcast.proto.v1.SubmitOrderBatchRequest;
import io.batchcast.proto.v1.SubmitOrderBatchResponse;
import io.grpc.Context;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.Optional;

/** batchcast.v1.OrderBatchService: submitting batches, reading them and their orders back, streaming their events, reading their statistics. */
final class OrderBatchGrpcService extends OrderBatchServiceGrpc.OrderBatchServiceImplBase {

    private final GrpcUseCases useCases;

    OrderBatchGrpcService(GrpcUseCases useCases) {
        this.useCases = useCases;
    }

    @Override
    public void submitOrderBatch(
            SubmitOrderBatchRequest request, StreamObserver<SubmitOrderBatchResponse> responseObserver) {
        FailureStatus.respond(responseObserver, () -> {
            WireChecks.submit(request);
            // Operations run on other threads, where Context.current() is not this call's: capture the call's context
            // here so that each operation can still see whether the caller left or its deadline passed.
            Context call = Context.current();
            return OrderBatchMapper.response(useCases.submitOrderBatch().submit(
                    OrderBatchMapper.command(AuthInterceptor.currentUser(), request, call::isCancelled)));
        });
    }

    @Override
    public void getOrderBatch(GetOrderBatchRequest request, StreamObserver<SubmitOrderBatchResponse> responseObserver) {
        FailureStatus.respond(responseObserver, () -> {
            WireChecks.strategyId(request.getStrategyId());
            return OrderBatchMapper.response(useCases.getOrderBatch().get(AuthInterceptor.currentUser(),
                    request.getStrategyId(), request.getBatchId()));
        });
    }

    @Override
    public void listOrders(ListOrdersRequest request, StreamObserver<ListOrdersResponse> responseObserver) {
        FailureStatus.respond(responseObserver, () -> {
            WireChecks.strategyId(request.getStrategyId());
            int pageSize = WireChecks.pageSize(request.getPageSize());
            Optional<OrderStatus> status = OrderMapper.statusFilter(request);
            long strategyId = request.getStrategyId();
            OrderPage page = useCases.listOrders().list(new ListOrdersQuery(AuthInterceptor.currentUser(), strategyId,
                    status, OrderPageToken.cursor(request.getPageToken(), strategyId, status), pageSize));
            ListOrdersResponse.Builder response = ListOrdersResponse.newBuilder();
            for (Order order : page.orders()) {
                response.addOrders(OrderMapper.order(order));
            }
            page.next().ifPresent(next -> response.setNextPageToken(OrderPageToken.of(strategyId, status, next)));
            return response.build();
        });
    }

    @Override
    public void streamOrderBatchEvents(
            StreamOrderBatchEventsRequest request, StreamObserver<OrderBatchEvent> responseObserver) {
        var observer = (ServerCallStreamObserver<OrderBatchEvent>) responseObserver;
        VerifiedCaller verified = AuthInterceptor.currentCaller();
        var caller = new StreamCaller(verified.userId(), verified.expiresAt());
        StreamOpening<OrderBatchEvent> opening;
        EventCallSink call;
        try {
            WireChecks.stream(request);
            call = new EventCallSink(observer);
            opening = useCases.openEventStreams().open(new OpenEventStream(caller,
                    new EventSelection.OneStrategy(request.getStrategyId()), request.getAfterEventId(),
                    request.getCoalesceMs()), EventMessages.INSTANCE);
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

    @Override
    public void getHourlyStatistics(
            GetHourlyStatisticsRequest request, StreamObserver<GetHourlyStatisticsResponse> responseObserver) {
        FailureStatus.respond(responseObserver, () -> HourlyStatisticsMapper.response(useCases.hourlyStatistics()
                .hourlyStatistics(AuthInterceptor.currentUser(), HourlyStatisticsMapper.query(request))));
    }
}
