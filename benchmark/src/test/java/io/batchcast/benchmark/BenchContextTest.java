package io.batchcast.benchmark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The application name by which the harness finds the server's PostgreSQL backends; the embedded database's cleanup. */
class BenchContextTest {

    @Test
    void readsTheApplicationNameOfAPostgresUrl() {
        assertEquals(Optional.of("my bench"), BenchContext.applicationName(
                "jdbc:postgresql://127.0.0.1:5432/b?sslmode=disable&ApplicationName=my%20bench"));
        assertEquals(Optional.empty(), BenchContext.applicationName("jdbc:postgresql://127.0.0.1:5432/b?sslmode=disable"));
        assertEquals(Optional.empty(), BenchContext.applicationName("jdbc:postgresql://127.0.0.1:5432/b"));
    }

    @Test
    void deletesTheEmbeddedDatabaseDirectoryAndCountsItsBytes(@TempDir Path work) throws Exception {
        Path data = Files.createDirectories(work.resolve("data/nested"));
        Files.write(work.resolve("data/batchcast.db"), new byte[4096]);
        Files.write(work.resolve("data/batchcast.db-wal"), new byte[1000]);
        Files.write(data.resolve("x"), new byte[7]);
        Files.writeString(work.resolve("server-main.log"), "kept");

        assertEquals(5103, BenchContext.deleteTree(work.resolve("data")));
        assertFalse(Files.exists(work.resolve("data")));
        assertEquals("kept", Files.readString(work.resolve("server-main.log")));
        assertEquals(0, BenchContext.deleteTree(work.resolve("data")));
    }
}
