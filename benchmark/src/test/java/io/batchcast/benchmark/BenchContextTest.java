package io.batchcast.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The application name by which the harness finds the server's PostgreSQL backends. */
class BenchContextTest {

    @Test
    void readsTheApplicationNameOfAPostgresUrl() {
        assertEquals(Optional.of("my bench"), BenchContext.applicationName(
                "jdbc:postgresql://127.0.0.1:5432/b?sslmode=disable&ApplicationName=my%20bench"));
        assertEquals(Optional.empty(), BenchContext.applicationName("jdbc:postgresql://127.0.0.1:5432/b?sslmode=disable"));
        assertEquals(Optional.empty(), BenchContext.applicationName("jdbc:postgresql://127.0.0.1:5432/b"));
    }
}
