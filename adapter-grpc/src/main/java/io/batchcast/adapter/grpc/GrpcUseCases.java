package io.batchcast.adapter.grpc;

import io.batchcast.application.port.in.CreateStrategyUseCase;
import io.batchcast.application.port.in.GetOrderBatchUseCase;
import io.batchcast.application.port.in.ListOrdersUseCase;
import io.batchcast.application.port.in.GetHourlyStatisticsUseCase;
import io.batchcast.application.port.in.ListStrategiesUseCase;
import io.batchcast.application.port.in.SubmitOrderBatchUseCase;
import io.batchcast.application.port.in.OpenEventStreamUseCase;
import java.util.Objects;

/** The use cases the gRPC API exposes; bootstrap passes the application services. */
public record GrpcUseCases(
        SubmitOrderBatchUseCase submitOrderBatch,
        OpenEventStreamUseCase openEventStreams,
        CreateStrategyUseCase createStrategy,
        ListStrategiesUseCase listStrategies,
        GetOrderBatchUseCase getOrderBatch,
        ListOrdersUseCase listOrders,
        GetHourlyStatisticsUseCase hourlyStatistics) {

    public GrpcUseCases {
        Objects.requireNonNull(submitOrderBatch, "submitOrderBatch");
        Objects.requireNonNull(openEventStreams, "openEventStreams");
        Objects.requireNonNull(createStrategy, "createStrategy");
        Objects.requireNonNull(listStrategies, "listStrategies");
        Objects.requireNonNull(getOrderBatch, "getOrderBatch");
        Objects.requireNonNull(listOrders, "listOrders");
        Objects.requireNonNull(hourlyStatistics, "hourlyStatistics");
    }
}
