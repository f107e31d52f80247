package io.batchcast.adapter.grpc;

import io.batchcast.application.port.in.CreateStrategyUseCase;
import io.batchcast.application.port.in.GetHourlyStatisticsUseCase;
import io.batchcast.application.port.in.ListStrategiesUseCase;
import io.batchcast.application.port.in.SubmitOrderBatchUseCase;
import io.batchcast.application.port.in.SubscribeToOrderBatchEventsUseCase;
import java.util.Objects;

/** The use cases the gRPC API exposes; bootstrap passes the application services. */
public record GrpcUseCases(
        SubmitOrderBatchUseCase submitOrderBatch,
        SubscribeToOrderBatchEventsUseCase subscribeToEvents,
        CreateStrategyUseCase createStrategy,
        ListStrategiesUseCase listStrategies,
        GetHourlyStatisticsUseCase hourlyStatistics) {

    public GrpcUseCases {
        Objects.requireNonNull(submitOrderBatch, "submitOrderBatch");
        Objects.requireNonNull(subscribeToEvents, "subscribeToEvents");
        Objects.requireNonNull(createStrategy, "createStrategy");
        Objects.requireNonNull(listStrategies, "listStrategies");
        Objects.requireNonNull(hourlyStatistics, "hourlyStatistics");
    }
}
