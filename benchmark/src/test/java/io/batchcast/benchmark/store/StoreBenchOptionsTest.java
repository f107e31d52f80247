package io.batchcast.benchmark.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class StoreBenchOptionsTest {

    @Test
    void defaultsMeasureEveryStoreAtGroupsOf1And8And64() {
        StoreBenchOptions options = StoreBenchOptions.parse(new String[] {"--out", "o"});

        assertEquals(List.of(StoreKind.SQLITE_FULL, StoreKind.SQLITE_NORMAL, StoreKind.H2, StoreKind.POSTGRESQL),
                options.stores());
        assertEquals(List.of(1, 8, 64), options.groups());
        assertEquals(15, options.seconds());
        assertEquals(100_000, options.retentionBatches());
        assertEquals(5_000, options.retained());
        assertEquals(Path.of("o", "data"), options.data());
        assertEquals("jdbc:postgresql://127.0.0.1:5432/", options.pgUrl());
    }

    @Test
    void readsTheStoresAndGroupsGiven() {
        StoreBenchOptions options = StoreBenchOptions.parse(new String[] {"--out", "o", "--stores", "h2, sqlite-full",
                "--groups", "64", "--retention-batches", "400", "--retained", "100"});

        assertEquals(List.of(StoreKind.H2, StoreKind.SQLITE_FULL), options.stores());
        assertEquals(List.of(64), options.groups());
        assertEquals(400, options.retentionBatches());
    }

    @Test
    void refusesWhatItCannotMeasure() {
        assertEquals("--out is required",
                assertThrows(IllegalArgumentException.class, () -> StoreBenchOptions.parse(new String[0])).getMessage());
        assertEquals("store must be one of sqlite-full, sqlite-normal, h2, postgresql, was 'mysql'",
                assertThrows(IllegalArgumentException.class, () -> StoreBenchOptions.parse(
                        new String[] {"--out", "o", "--stores", "mysql"})).getMessage());
        assertEquals("--groups must be >= 1, was 0", assertThrows(IllegalArgumentException.class,
                () -> StoreBenchOptions.parse(new String[] {"--out", "o", "--groups", "0"})).getMessage());
        assertEquals("--retention-batches must be at least 4 × --retained (20000), was 10000",
                assertThrows(IllegalArgumentException.class, () -> StoreBenchOptions.parse(
                        new String[] {"--out", "o", "--retention-batches", "10000"})).getMessage());
        assertEquals("unknown option --fast", assertThrows(IllegalArgumentException.class,
                () -> StoreBenchOptions.parse(new String[] {"--out", "o", "--fast", "yes"})).getMessage());
    }
}
