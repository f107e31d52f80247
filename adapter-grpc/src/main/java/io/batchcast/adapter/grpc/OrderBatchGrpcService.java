package io.batchcast.adapter.grpc;

import io.batchcast.application.port.in.BatchReceipt;
import io.batchcast.application.port.in.GetOrderBatchUseCase;
import io.batchcast.application.port.in.ListOrdersQuery;
import io.batchcast.application.port.in.ListOrdersUseCase;
import io.batchcast.application.port.in.OrderPage;
import io.batchcast.application.port.in.SubmitOrderBatchUseCase;
import io.batchcast.domain.Order;
import io.batchcast.domain.OrderStatus;
import io.batchcast.proto.v1.GetOrderBatchRequest;
import io.batchcast.proto.v1.ListOrdersRequest;
import io.batchcast.proto.v1.ListOrdersResponse;
import io.batchcast.application.port.in.GetHourlyStatisticsUseCase;
import io.batchcast.proto.v1.GetHourlyStatisticsRequest;
import io.batchcast.proto.v1.GetHourlyStatisticsResponse;
import io.batchcast.application.port.in.EventSelection;
import io.batchcast.application.port.in.OpenEventStream;
import io.batchcast.application.port.in.OpenEventStreamUseCase;
import io.batchcast.application.port.in.StreamCaller;
import io.batchcast.application.port.in.StreamOpening;
import io.batchcast.application.port.out.VerifiedCaller;
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

    private final SubmitOrderBatchUseCase submitOrderBatch;
    private final GetOrderBatchUseCase getOrderBatch;
    private final ListOrdersUseCase listOrders;
    private final GetHourlyStatisticsUseCase hourlyStatistics;
    private final OpenEventStreamUseCase delivery;

    OrderBatchGrpcService(GrpcUseCases useCases) {
        this.submitOrderBatch = useCases.submitOrderBatch();
        this.delivery = useCases.openEventStreams();
        this.getOrderBatch = useCases.getOrderBatch();
        this.listOrders = useCases.listOrders();
        this.hourlyStatistics = useCases.hourlyStatistics();
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
    public void getOrderBatch(GetOrderBatchRequest request, StreamObserver<SubmitOrderBatchResponse> responseObserver) {
        try {
            WireChecks.getOrderBatch(request);
            BatchReceipt receipt =
                    getOrderBatch.get(AuthInterceptor.currentUser(), request.getStrategyId(), request.getBatchId());
            responseObserver.onNext(OrderBatchMapper.response(receipt));
            responseObserver.onCompleted();
        } catch (RuntimeException e) {
            responseObserver.onError(FailureStatus.of(e));
        }
    }

    @Override
    public void listOrders(ListOrdersRequest request, StreamObserver<ListOrdersResponse> responseObserver) {
        try {
            WireChecks.listOrders(request);
            int pageSize = WireChecks.pageSize(request.getPageSize());
            Optional<OrderStatus> status = OrderMapper.statusFilter(request);
            long strategyId = request.getStrategyId();
            OrderPage page = listOrders.list(new ListOrdersQuery(AuthInterceptor.currentUser(), strategyId, status,
                    OrderPageToken.cursor(request.getPageToken(), strategyId, status), pageSize));
            ListOrdersResponse.Builder response = ListOrdersResponse.newBuilder();
            for (Order order : page.orders()) {
                response.addOrders(OrderMapper.order(order));
            }
            page.next().ifPresent(next -> response.setNextPageToken(OrderPageToken.of(strategyId, status, next)));
            responseObserver.onNext(response.build());
            responseObserver.onCompleted();
        } catch (RuntimeException e) {
            responseObserver.onError(FailureStatus.of(e));
        }
    }

    @Override
    public void streamOrderBatchEvents(
            StreamOrderBatchEventsRequest request, StreamObserver<OrderBatchEvent> responseObserver) {
        var observer = (ServerCallStreamObserver<OrderBatchEvent>) responseObserver;
        VerifiedCaller verified = AuthInterceptor.currentCaller();
        var caller = new StreamCaller(verified.userId(), verified.expiresAt());
        try {
            WireChecks.stream(request);
        } catch (RuntimeException e) {
            observer.onError(FailureStatus.of(e));
            return;
        }
        var call = new EventCallSink(observer);
        var command = new OpenEventStream(caller, new EventSelection.OneStrategy(request.getStrategyId()),
                request.getAfterEventId(), request.getCoalesceMs());
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
