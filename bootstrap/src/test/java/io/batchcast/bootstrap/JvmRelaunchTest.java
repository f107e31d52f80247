package io.batchcast.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JvmRelaunchTest {

    @Test
    void relaunchesWhenNoCollectorIsChosen() {
        assertTrue(JvmRelaunch.due(Map.of(), List.of("-Xmx512m", "-Dfoo=bar")));
        assertTrue(JvmRelaunch.due(Map.of("JAVA_TOOL_OPTIONS", "-Xss512k"), List.of()));
        assertTrue(JvmRelaunch.due(Map.of(JvmRelaunch.VARIABLE, "true"), List.of()));
    }

    @Test
    void theOperatorsCollectorWins() {
        assertFalse(JvmRelaunch.due(Map.of(), List.of("-XX:+UseG1GC")));
        assertFalse(JvmRelaunch.due(Map.of(), List.of("-Xmx1g", "-XX:+UseParallelGC")));
        assertFalse(JvmRelaunch.due(Map.of(), List.of("-XX:+UseZGC")));
        assertFalse(JvmRelaunch.due(Map.of("JAVA_TOOL_OPTIONS", "-Xss512k -XX:+UseSerialGC"), List.of()));
        assertFalse(JvmRelaunch.due(Map.of("JDK_JAVA_OPTIONS", "-XX:+UseShenandoahGC"), List.of()));
    }

    @Test
    void canBeSwitchedOff() {
        assertFalse(JvmRelaunch.due(Map.of(JvmRelaunch.VARIABLE, "false"), List.of()));
        assertFalse(JvmRelaunch.due(Map.of(JvmRelaunch.VARIABLE, "FALSE"), List.of()));
    }

    @Test
    void theChildKeepsTheGivenOptionsAndArgumentsAfterTheShippedOnesSoThatTheGivenOnesWin() {
        assertEquals(List.of("/jdk/bin/java", "-XX:+UseZGC", "-XX:MaxRAMPercentage=12.5", "-XX:MaxRAMPercentage=50",
                        "-Dx=y", "-jar", "/app/batchcast.jar", "a"),
                JvmRelaunch.command("/jdk/bin/java", List.of("-XX:MaxRAMPercentage=50", "-Dx=y"),
                        List.of("-XX:+UseZGC", "-XX:MaxRAMPercentage=12.5"), "/app/batchcast.jar", new String[] {"a"}));
    }

    @Test
    void theOptionsFileHasOneOptionPerLineAndComments() {
        assertEquals(List.of("-XX:+UseZGC", "-Xss1m"),
                JvmRelaunch.parseOptions("# the collector\n-XX:+UseZGC\n\n  -Xss1m  \n"));
    }

    @Test
    void theJarShipsTheArgumentFilesOptions() {
        // the resource packaged from bootstrap/jvm.options, the README's argument file
        assertEquals(List.of("-XX:+UseZGC", "-XX:InitialRAMPercentage=12.5", "-XX:MaxRAMPercentage=12.5",
                "-XX:+AlwaysPreTouch"), JvmRelaunch.shippedOptions());
    }
}
