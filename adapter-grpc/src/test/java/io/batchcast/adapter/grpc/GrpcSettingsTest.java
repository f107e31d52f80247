package io.batchcast.adapter.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class GrpcSettingsTest {

    @Test
    void defaultsAreDocumentedValues() {
        assertEquals(new GrpcSettings(9090, 4_194_304, Duration.ofSeconds(60), Duration.ofSeconds(20),
                Duration.ofSeconds(20), 1_000), GrpcSettings.defaults());
    }

    @Test
    void outOfRangeValuesAreRefusedNamingTheSetting() {
        assertEquals("port must be 0 to 65535, was 70000", assertThrows(IllegalArgumentException.class,
                () -> GrpcSettings.defaults().withPort(70_000)).getMessage());
        assertEquals("maxInboundMessageBytes must be >= 1024, was 10", assertThrows(IllegalArgumentException.class,
                () -> GrpcSettings.defaults().withMaxInboundMessageBytes(10)).getMessage());
        assertEquals("keepAliveTime must be positive, was PT0S", assertThrows(IllegalArgumentException.class,
                () -> new GrpcSettings(0, 4096, Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(1), 1))
                .getMessage());
    }
}
