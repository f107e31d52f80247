package io.batchcast.bootstrap;

import static io.batchcast.bootstrap.TestClient.limits;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchcast.proto.v1.ListStrategiesRequest;
import io.batchcast.proto.v1.StrategyServiceGrpc;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The jar as a process: /observe/metrics carries the JVM's, every gRPC call's and the connection pool's meters. */
class PrometheusMetricsIT {

    @TempDir
    Path workDir;

    @Test
    void metricsCarryJvmGrpcPerMethodAndStatusAndConnectionPoolMeters() throws Exception {
        try (RunningJar jar = new RunningJar(workDir, Map.of()); TestClient client = new TestClient(jar.grpcPort, "u1")) {
            long strategy = client.createStrategy("alpha");
            client.submit(strategy, "", limits(2, "m"));
            client.submit(strategy, "", limits(1, "n"));
            assertThrows(StatusRuntimeException.class, () -> client.submit(strategy, "", List.of()));
            ManagedChannel anonymous = NettyChannelBuilder.forAddress("127.0.0.1", jar.grpcPort).usePlaintext().build();
            try {
                StatusRuntimeException refused = assertThrows(StatusRuntimeException.class, () ->
                        StrategyServiceGrpc.newBlockingStub(anonymous).withDeadlineAfter(10, TimeUnit.SECONDS)
                                .listStrategies(ListStrategiesRequest.getDefaultInstance()));
                assertEquals(Status.Code.UNAUTHENTICATED, refused.getStatus().getCode());
            } finally {
                anonymous.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }

            String metrics = metrics(jar);
            for (String line : List.of(
                    "grpc_server_processing_duration_seconds_count{method=\"CreateStrategy\",method_type=\"UNARY\","
                            + "service=\"batchcast.v1.StrategyService\",status_code=\"OK\",} 1.0",
                    "grpc_server_processing_duration_seconds_count{method=\"SubmitOrderBatch\",method_type=\"UNARY\","
                            + "service=\"batchcast.v1.OrderBatchService\",status_code=\"OK\",} 2.0",
                    "grpc_server_processing_duration_seconds_count{method=\"SubmitOrderBatch\",method_type=\"UNARY\","
                            + "service=\"batchcast.v1.OrderBatchService\",status_code=\"INVALID_ARGUMENT\",} 1.0",
                    "grpc_server_processing_duration_seconds_count{method=\"ListStrategies\",method_type=\"UNARY\","
                            + "service=\"batchcast.v1.StrategyService\",status_code=\"UNAUTHENTICATED\",} 1.0",
                    "grpc_server_processing_duration_seconds_bucket{method=\"SubmitOrderBatch\",method_type=\"UNARY\","
                            + "service=\"batchcast.v1.OrderBatchService\",status_code=\"OK\",le=\"+Inf\",} 2.0",
                    "grpc_server_requests_received_messages_total{method=\"SubmitOrderBatch\",method_type=\"UNARY\","
                            + "service=\"batchcast.v1.OrderBatchService\",} 3.0",
                    "hikaricp_connections_max{pool=\"batchcast-db\",} 10.0",
                    "hikaricp_connections_min{pool=\"batchcast-db\",} 10.0",
                    "hikaricp_connections_timeout_total{pool=\"batchcast-db\",} 0.0",
                    "# TYPE batchcast_delivery_lag_seconds histogram",
                    "# TYPE batchcast_store_commit_seconds histogram",
                    // one strategy, and each batch's claim before the venue call and its recording after; the refused
                    // batch writes nothing. Called one after another, every write is a group commit of its own.
                    "batchcast_store_commit_seconds_count{scope=\"application\",} 5.0",
                    "batchcast_store_writes_total{scope=\"application\",} 5.0")) {
                assertTrue(metrics.contains(line + "\n"), line + " in\n" + metrics);
            }
            for (String name : List.of("jvm_memory_used_bytes{area=\"heap\"", "jvm_memory_max_bytes{area=\"nonheap\"",
                    "jvm_memory_committed_bytes", "jvm_buffer_memory_used_bytes", "jvm_gc_memory_allocated_bytes_total",
                    "jvm_gc_live_data_size_bytes", "jvm_gc_max_data_size_bytes", "jvm_threads_live_threads",
                    "jvm_threads_daemon_threads", "jvm_threads_peak_threads", "jvm_threads_states_threads{state=\"runnable\"",
                    "jvm_threads_virtual_live_threads", "jvm_threads_virtual_pinned_seconds_count",
                    "jvm_threads_virtual_submit_failed_total", "jvm_classes_loaded_classes", "jvm_info{",
                    "process_cpu_seconds_total", "process_uptime_seconds", "process_start_time_seconds",
                    "process_files_open_files", "hikaricp_connections_active{pool=\"batchcast-db\"",
                    "hikaricp_connections_idle{pool=\"batchcast-db\"", "hikaricp_connections_pending{pool=\"batchcast-db\"",
                    "hikaricp_connections_acquire_seconds_count{pool=\"batchcast-db\"",
                    "hikaricp_connections_usage_seconds_count{pool=\"batchcast-db\"")) {
                // a bare name is followed by its labels or its value; a name given with a label is matched as given
                String end = name.endsWith("\"") || name.endsWith("{") ? "" : "[{ ]";
                assertTrue(Pattern.compile("^" + Pattern.quote(name) + end, Pattern.MULTILINE).matcher(metrics).find(),
                        name + " in\n" + metrics);
            }
            assertFalse(metrics.contains("quantile="), "a histogram carries no quantile series:\n" + metrics);
            assertFalse(Pattern.compile("^process_cpu_time_ns|^system_cpu_count", Pattern.MULTILINE).matcher(metrics)
                    .find(), "metrics in units other than the base ones are left out:\n" + metrics);
        }
    }

    private static String metrics(RunningJar jar) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + jar.httpPort + "/observe/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        return response.body();
    }
}
