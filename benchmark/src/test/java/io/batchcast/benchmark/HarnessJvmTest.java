package io.batchcast.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HarnessJvmTest {

    @Test
    void aHarnessStartedWithoutACollectorChoiceRunsAgainOnZgc() {
        assertTrue(HarnessJvm.due(Map.of(), List.of("-Xmx2g")));
        assertEquals(List.of("/jdk/bin/java", "-XX:+UseZGC", "-XX:InitialRAMPercentage=12.5",
                "-XX:MaxRAMPercentage=12.5", "-XX:+AlwaysPreTouch", "-Xmx2g", "-cp", "bench.jar",
                "io.batchcast.benchmark.BenchmarkMain", "--quick", "--out", "/tmp/run"),
                HarnessJvm.command("/jdk/bin/java", List.of("-Xmx2g"), "bench.jar",
                        new String[] {"--quick", "--out", "/tmp/run"}));
    }

    @Test
    void aCollectorChosenOnTheCommandLineOrInTheEnvironmentWinsAndTheChildNeverRelaunches() {
        assertFalse(HarnessJvm.due(Map.of(), List.of("-XX:+UseG1GC")));
        assertFalse(HarnessJvm.due(Map.of("JAVA_TOOL_OPTIONS", "-Xss1m -XX:+UseParallelGC"), List.of()));
        assertFalse(HarnessJvm.due(Map.of("JDK_JAVA_OPTIONS", "-XX:+UseZGC"), List.of()));
        assertFalse(HarnessJvm.due(Map.of(HarnessJvm.CHILD, "true"), List.of()));
        assertTrue(HarnessJvm.due(Map.of("JAVA_TOOL_OPTIONS", "-XX:-UseCompressedOops"), List.of()));
    }
}
