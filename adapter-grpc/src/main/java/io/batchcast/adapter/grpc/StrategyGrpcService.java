package io.batchcast.adapter.grpc;

import io.batchcast.application.port.in.CreateStrategyUseCase;
import io.batchcast.application.port.in.ListStrategiesUseCase;
import io.batchcast.domain.Strategy;
import io.batchcast.proto.v1.CreateStrategyRequest;
import io.batchcast.proto.v1.ListStrategiesRequest;
import io.batchcast.proto.v1.ListStrategiesResponse;
import io.batchcast.proto.v1.StrategyServiceGrpc;
import io.grpc.stub.StreamObserver;
import java.util.List;

/** batchcast.v1.StrategyService: the caller's strategies. */
final class StrategyGrpcService extends StrategyServiceGrpc.StrategyServiceImplBase {

    private final CreateStrategyUseCase createStrategy;
    private final ListStrategiesUseCase listStrategies;

    StrategyGrpcService(CreateStrategyUseCase createStrategy, ListStrategiesUseCase listStrategies) {
        this.createStrategy = createStrategy;
        this.listStrategies = listStrategies;
    }

    @Override
    public void createStrategy(
            CreateStrategyRequest request, StreamObserver<io.batchcast.proto.v1.Strategy> responseObserver) {
        FailureStatus.respond(responseObserver, () -> StrategyMapper.strategy(
                createStrategy.create(AuthInterceptor.currentUser(), request.getName())));
    }

    @Override
    public void listStrategies(ListStrategiesRequest request, StreamObserver<ListStrategiesResponse> responseObserver) {
        FailureStatus.respond(responseObserver, () -> page(AuthInterceptor.currentUser(), request));
    }

    private ListStrategiesResponse page(String userId, ListStrategiesRequest request) {
        int pageSize = WireChecks.pageSize(request.getPageSize());
        long afterId = StrategyMapper.afterId(request.getPageToken());
        List<Strategy> page = listStrategies.list(userId, afterId, pageSize);
        ListStrategiesResponse.Builder response = ListStrategiesResponse.newBuilder();
        for (Strategy strategy : page) {
            response.addStrategies(StrategyMapper.strategy(strategy));
        }
        // A full page may be the last one; one probe row tells, so that an empty token reliably means "no more".
        if (page.size() == pageSize) {
            long lastId = page.getLast().id();
            if (!listStrategies.list(userId, lastId, 1).isEmpty()) {
                response.setNextPageToken(StrategyMapper.pageToken(lastId));
            }
        }
        return response.build();
    }
}
