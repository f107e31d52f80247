package io.batchcast.benchmark.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PrometheusTextTest {

    private static final String EXPOSITION = """
            # HELP jvm_memory_used_bytes The amount of used memory
            # TYPE jvm_memory_used_bytes gauge
            jvm_memory_used_bytes{area="heap",id="G1 Eden Space"} 1000.0
            jvm_memory_used_bytes{area="heap",id="G1 Old Gen"} 2500.0
            jvm_memory_used_bytes{area="nonheap",id="Metaspace"} 9999.0
            jvm_memory_used_bytes_total 5
            batchcast_sse_connections 42
            """;

    @Test
    void sumsTheSamplesWhoseLabelsMatch() {
        assertEquals(3500.0, PrometheusText.sum(EXPOSITION, "jvm_memory_used_bytes", "area=\"heap\"").orElseThrow());
    }

    @Test
    void readsAnUnlabelledSampleAndIgnoresMetricsThatShareThePrefix() {
        assertEquals(42.0, PrometheusText.sum(EXPOSITION, "batchcast_sse_connections", "").orElseThrow());
        assertEquals(13499.0, PrometheusText.sum(EXPOSITION, "jvm_memory_used_bytes", "").orElseThrow());
    }

    @Test
    void anAbsentMetricIsEmpty() {
        assertTrue(PrometheusText.sum(EXPOSITION, "process_resident_memory_bytes", "").isEmpty());
    }
}
