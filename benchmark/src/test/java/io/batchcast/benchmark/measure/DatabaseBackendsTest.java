package io.batchcast.benchmark.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Properties;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Against the PostgreSQL at 127.0.0.1:5432: finds the backends by application name and reads their CPU. */
class DatabaseBackendsTest {

    private static final String URL = "jdbc:postgresql://127.0.0.1:5432/postgres";

    private static Connection connect(String applicationName) throws Exception {
        Properties properties = new Properties();
        properties.setProperty("user", "postgres");
        properties.setProperty("ApplicationName", applicationName);
        return DriverManager.getConnection(URL, properties);
    }

    @Test
    void countsTheCpuOfTheNamedBackendsOnlyIncludingOnesOpenedLater() throws Exception {
        String name = "bench-test-" + UUID.randomUUID();
        try (Connection first = connect(name);
             Connection stranger = connect("someone-else-" + UUID.randomUUID());
             DatabaseBackends backends = DatabaseBackends.open(URL, "postgres", null, name)) {
            CpuCounter cpu = backends.serverBackends();
            long before = cpu.cpuNanos();
            assertEquals(1, backends.backendsSeen());

            burn(stranger);
            long afterStranger = cpu.cpuNanos();
            try (Connection second = connect(name)) {
                burn(second);
                long afterSecond = cpu.cpuNanos();

                assertEquals(2, backends.backendsSeen());
                // the stranger's work is not counted (a tick or two of the named backend's own idle at most)
                assertTrue(afterStranger - before <= 20_000_000L, "stranger counted: " + (afterStranger - before));
                // generate_series over 5 million rows takes well over 100 ms of backend CPU
                assertTrue(afterSecond - afterStranger >= 100_000_000L,
                        "the second backend's work: " + (afterSecond - afterStranger));
            }
        }
    }

    private static void burn(Connection connection) throws Exception {
        try (Statement statement = connection.createStatement()) {
            statement.executeQuery("SELECT sum(g) FROM generate_series(1, 5000000) g").close();
        }
    }
}
