package io.batchcast.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.batchcast.benchmark.report.ScenarioResult;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the server is charged per batch: its JVM and, on PostgreSQL, its backends; never the shared background. */
class ServerCpuTest {

    @Test
    void onPostgresTheServerIsItsJvmPlusItsBackends() {
        ScenarioResult result = new ScenarioResult("ingest");

        new ServerCpu.PerBatch(1.25, 0.5, 1.5, 0.25, 10).addTo(result, "gateway_");

        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("gateway_cpu_ms_per_batch", 3.25);
        expected.put("gateway_server_cpu_ms_per_batch", 2.75);
        expected.put("gateway_server_jvm_cpu_ms_per_batch", 1.25);
        expected.put("gateway_client_cpu_ms_per_batch", 0.5);
        expected.put("gateway_database_backends_cpu_ms_per_batch", 1.5);
        expected.put("gateway_database_backends_seen", 10);
        expected.put("gateway_database_shared_background_cpu_ms_per_batch", 0.25);
        assertEquals(expected, result.raw());
        assertEquals("2.75 = JVM 1.25 + database backends 1.50",
                new ServerCpu.PerBatch(1.25, 0.5, 1.5, 0.25, 10).describeServer());
    }

    @Test
    void onTheEmbeddedStoreTheServerIsItsJvm() {
        ScenarioResult result = new ScenarioResult("latency");

        new ServerCpu.PerBatch(2.0, 0.75, null, null, null).addTo(result, "");

        assertEquals(Map.of("cpu_ms_per_batch", 2.75, "server_cpu_ms_per_batch", 2.0, "server_jvm_cpu_ms_per_batch", 2.0,
                "client_cpu_ms_per_batch", 0.75), result.raw());
    }

    @Test
    void theCpuOfAWindowIsTheDifferenceOfTwoReadings() {
        assertEquals(java.util.List.of(250L, 0L, 7L), java.util.Arrays.stream(
                ServerCpu.used(new long[] {100, 40, 3}, new long[] {350, 40, 10})).boxed().toList());
    }
}
