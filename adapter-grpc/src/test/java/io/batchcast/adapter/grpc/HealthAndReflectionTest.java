package io.batchcast.adapter.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.protobuf.ByteString;
import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.MethodDescriptorProto;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    /** One reflection request and its answer, as a reflection client (grpcurl, buf curl) sends it. */
    private ServerReflectionResponse reflect(ServerReflectionRequest request) throws Exception {
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
        requests.onNext(request);
        requests.onCompleted();
        return answer.get(5, TimeUnit.SECONDS);
    }

    /** The files of a file_descriptor_response, by name. */
    private static Map<String, FileDescriptorProto> files(ServerReflectionResponse response) throws Exception {
        Map<String, FileDescriptorProto> files = new LinkedHashMap<>();
        for (ByteString bytes : response.getFileDescriptorResponse().getFileDescriptorProtoList()) {
            FileDescriptorProto file = FileDescriptorProto.parseFrom(bytes);
            files.put(file.getName(), file);
        }
        return files;
    }

    @Test
    void reflectionListsBothServicesBesideHealthAndReflection() throws Exception {
        ServerReflectionResponse answer = reflect(ServerReflectionRequest.newBuilder().setListServices("").build());

        Set<String> services = answer.getListServicesResponse().getServiceList().stream()
                .map(ServiceResponse::getName).collect(Collectors.toSet());
        assertEquals(Set.of("batchcast.v1.OrderBatchService", "batchcast.v1.StrategyService", "grpc.health.v1.Health",
                "grpc.reflection.v1.ServerReflection"), services);
    }

    @Test
    void reflectionResolvesTheErrorDetailTypesTheServerSends() throws Exception {
        Map<String, FileDescriptorProto> errorInfo = files(reflect(ServerReflectionRequest.newBuilder()
                .setFileContainingSymbol("google.rpc.ErrorInfo").build()));
        Map<String, FileDescriptorProto> badRequest = files(reflect(ServerReflectionRequest.newBuilder()
                .setFileContainingSymbol("google.rpc.BadRequest.FieldViolation").build()));
        Map<String, FileDescriptorProto> status = files(reflect(ServerReflectionRequest.newBuilder()
                .setFileContainingSymbol("google.rpc.Status").build()));

        FileDescriptorProto errorDetails = errorInfo.get("google/rpc/error_details.proto");
        assertEquals("google.rpc", errorDetails.getPackage());
        assertEquals(List.of("ErrorInfo", "RetryInfo", "DebugInfo", "QuotaFailure", "PreconditionFailure",
                "BadRequest", "RequestInfo", "ResourceInfo", "Help", "LocalizedMessage"),
                errorDetails.getMessageTypeList().stream().map(DescriptorProto::getName).toList());
        assertEquals(Set.of("reason", "domain", "metadata"), errorDetails.getMessageType(0).getFieldList().stream()
                .map(FieldDescriptorProto::getName).collect(Collectors.toSet()));
        assertEquals(errorDetails, badRequest.get("google/rpc/error_details.proto"));
        assertEquals(List.of("Status"), status.get("google/rpc/status.proto").getMessageTypeList().stream()
                .map(DescriptorProto::getName).toList());
    }

    @Test
    void reflectionStillDescribesEachServiceInItsOwnFileWithItsMethods() throws Exception {
        Map<String, FileDescriptorProto> files = files(reflect(ServerReflectionRequest.newBuilder()
                .setFileContainingSymbol("batchcast.v1.OrderBatchService").build()));

        FileDescriptorProto orderBatch = files.get("batchcast/v1/order_batch.proto");
        assertEquals("batchcast.v1", orderBatch.getPackage());
        assertEquals(List.of("SubmitOrderBatch", "GetOrderBatch", "ListOrders", "StreamOrderBatchEvents",
                "GetHourlyStatistics"),
                orderBatch.getService(0).getMethodList().stream().map(MethodDescriptorProto::getName).toList());
        assertEquals(List.of("google/protobuf/timestamp.proto", "google/rpc/status.proto",
                "google/rpc/error_details.proto"), orderBatch.getDependencyList());
    }
}
