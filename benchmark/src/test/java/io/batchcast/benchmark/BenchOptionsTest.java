package io.batchcast.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BenchOptionsTest {

    @Test
    void defaultsRunEveryScenarioOnEmbeddedH2AgainstTheBootstrapJar() {
        BenchOptions options = BenchOptions.parse("--out", "bench-out");

        assertFalse(options.quick());
        assertNull(options.dbUrl());
        assertEquals(Path.of("bootstrap/target/batchcast.jar"), options.serverJar());
        assertEquals(Path.of("bench-out"), options.out());
        assertEquals(Set.copyOf(BenchOptions.SCENARIOS), options.only());
    }

    @Test
    void readsEveryOption() {
        BenchOptions options = BenchOptions.parse("--quick", "--db-url", "jdbc:postgresql://127.0.0.1/b", "--jfr",
                "--db-user", "postgres", "--db-password", "secret",
                "--server-jar", "x.jar", "--only", "latency, slow", "--server-jvm-option", "-Xmx1g", "--out", "o",
                "--server-env", "BATCHCAST_LIMITS_MAX_dash_PARALLELISM=128");

        assertTrue(options.quick());
        assertTrue(options.jfr());
        assertEquals("jdbc:postgresql://127.0.0.1/b", options.dbUrl());
        assertEquals("postgres", options.dbUser());
        assertEquals("secret", options.dbPassword());
        assertEquals(List.of("latency", "slow"), List.copyOf(options.only()));
        assertEquals(List.of("-Xmx1g"), options.serverJvmOptions());
        assertEquals(Map.of("BATCHCAST_LIMITS_MAX_dash_PARALLELISM", "128"), options.serverEnv());
    }

    @Test
    void errorsNameTheOption() {
        assertEquals("--out DIR is required",
                assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse("--quick")).getMessage());
        assertEquals("--db-url needs a value",
                assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse("--db-url", "--out", "o"))
                        .getMessage());
        assertEquals("--db-user and --db-password need --db-url",
                assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse("--db-user", "u", "--out", "o"))
                        .getMessage());
        assertEquals("--server-env needs KEY=VALUE, was 'X'",
                assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse("--server-env", "X", "--out", "o"))
                        .getMessage());
        assertEquals("--only: unknown scenario 'latncy', known: " + BenchOptions.SCENARIOS,
                assertThrows(IllegalArgumentException.class, () -> BenchOptions.parse("--only", "latncy", "--out", "o"))
                        .getMessage());
    }

    @Test
    void quickProfileIsSmallerThanTheFullOneButSendsTheTargetRate() {
        assertEquals(500, RunSizes.quick().latencyRate(), "the target's rate, so a quick run says where we stand");
        assertEquals(500, RunSizes.full().latencyRate());
        assertEquals(20, RunSizes.quick().latencySeconds());
        assertEquals(120, RunSizes.full().latencySeconds());
        assertEquals(1_000, RunSizes.quick().fanoutReaders());
        assertEquals(10_000, RunSizes.full().fanoutReaders());
        assertEquals(10_000, RunSizes.quick().connections());
        assertEquals(50_000, RunSizes.full().connections());
    }
}
