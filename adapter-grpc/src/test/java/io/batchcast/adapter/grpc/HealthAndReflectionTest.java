package io.batchcast.adapter.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.reflection.v1.ServiceResponse;
import io.grpc.stub.StreamObserver;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Health and reflection are served without a token: probes and grpcurl have none. */
class HealthAndReflectionTest {

    private final InProcessBatchcast batchcast = new InProcessBatchcast();

    @AfterEach
    void close() throws InterruptedException {
        batchcast.close();
    }

    private ServingStatus health(String service) {
        return HealthGrpc.newBlockingStub(batchcast.channel)
                .check(HealthCheckRequest.newBuilder().setService(service).build()).getStatus();
    }

    @Test
    void startedServerAndBothServicesAreServing() {
        assertEquals(ServingStatus.SERVING, health(""));
        assertEquals(ServingStatus.SERVING, health("batchcast.v1.OrderBatchService"));
        assertEquals(ServingStatus.SERVING, health("batchcast.v1.StrategyService"));
    }

    @Test
    void bootstrapCanReportNotServingAndBackAgain() {
        batchcast.server.setServing(false);
        assertEquals(ServingStatus.NOT_SERVING, health(""));
        assertEquals(ServingStatus.NOT_SERVING, health("batchcast.v1.OrderBatchService"));

        batchcast.server.setServing(true);
        assertEquals(ServingStatus.SERVING, health("batchcast.v1.StrategyService"));
    }

    @Test
    void unknownServiceHealthIsNotFound() {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> health("batchcast.v1.Nope"));
        assertEquals(Status.Code.NOT_FOUND, e.getStatus().getCode());
    }

    @Test
    void reflectionListsBothServicesBesideHealthAndReflection() throws Exception {
        CompletableFuture<ServerReflectionResponse> answer = new CompletableFuture<>();
        StreamObserver<ServerReflectionRequest> requests = ServerReflectionGrpc.newStub(batchcast.channel)
                .serverReflectionInfo(new StreamObserver<>() {
                    @Override
                    public void onNext(ServerReflectionResponse response) {
                        answer.complete(response);
                    }

                    @Override
                    public void onError(Throwable t) {
                        answer.completeExceptionally(t);
                    }

                    @Override
                    public void onCompleted() {
                    }
                });
        requests.onNext(ServerReflectionRequest.newBuilder().setListServices("").build());
        requests.onCompleted();

        Set<String> services = answer.get(5, TimeUnit.SECONDS).getListServicesResponse().getServiceList().stream()
                .map(ServiceResponse::getName).collect(Collectors.toSet());
        assertEquals(Set.of("batchcast.v1.OrderBatchService", "batchcast.v1.StrategyService", "grpc.health.v1.Health",
                "grpc.reflection.v1.ServerReflection"), services);
    }
}
