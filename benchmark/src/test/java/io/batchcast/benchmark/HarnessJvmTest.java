package io.batchcast.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
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

    @Test
    void theChildActsOnlyWhenItsPipeFromTheParentEnds() throws Exception {
        CountDownLatch gone = new CountDownLatch(1);
        PipedOutputStream parent = new PipedOutputStream();
        Thread lifeline = HarnessJvm.watchParent(new PipedInputStream(parent), gone::countDown);
        parent.write(new byte[] {1, 2, 3}); // anything the parent might write is read and ignored
        parent.flush();
        assertFalse(gone.await(300, TimeUnit.MILLISECONDS), "acted while the parent was still there");
        parent.close(); // what the pipe does when the parent dies, by kill -9 as by any other end
        assertTrue(gone.await(5, TimeUnit.SECONDS));
        lifeline.join(5_000);
        assertFalse(lifeline.isAlive());
        assertTrue(lifeline.isDaemon());
    }
}
