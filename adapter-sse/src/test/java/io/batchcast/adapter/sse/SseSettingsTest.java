package io.batchcast.adapter.sse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SseSettingsTest {

    @Test
    void missingKeysTakeTheDocumentedDefaults() {
        SseSettings settings = SseSettings.from(config(Map.of()));

        assertEquals(new SseSettings(Duration.ofMillis(3000), Duration.ofSeconds(15), 256, 16, List.of(),
                Duration.ofSeconds(2)), settings);
    }

    @Test
    void everyKeyIsReadFromTheSseSubtree() {
        SseSettings settings = SseSettings.from(config(Map.of("sse.retry-ms", "5000", "sse.heartbeat-ms", "250",
                "sse.queue-capacity", "32", "sse.max-streams-per-user", "3",
                "sse.allowed-origins", "https://desk.example.com, http://localhost:5173",
                "sse.shutdown-grace-ms", "100")));

        assertEquals(new SseSettings(Duration.ofMillis(5000), Duration.ofMillis(250), 32, 3,
                List.of("https://desk.example.com", "http://localhost:5173"), Duration.ofMillis(100)),
                settings);
    }

    @Test
    void originsMustBeExactOriginsNeverWildcardsOrPaths() {
        for (String origin : List.of("*", "https://desk.example.com/", "https://*.example.com", "desk.example.com")) {
            var error = assertThrows(IllegalArgumentException.class,
                    () -> SseSettings.defaults().withAllowedOrigins(List.of("https://ok.example", origin)));
            assertEquals("allowed-origins[1] must be an exact origin such as https://desk.example.com "
                    + "(scheme://host[:port], no path, no wildcard), was '" + origin + "'", error.getMessage());
        }
    }

    @Test
    void limitsAreCheckedWithTheKeyAndRangeInTheMessage() {
        assertEquals("queue-capacity must be 1..100000, was 0", assertThrows(IllegalArgumentException.class,
                () -> SseSettings.defaults().withQueueCapacity(0)).getMessage());
        assertEquals("max-streams-per-user must be 1..10000, was 0", assertThrows(IllegalArgumentException.class,
                () -> SseSettings.defaults().withMaxStreamsPerUser(0)).getMessage());
        assertEquals("heartbeat-ms must be 10..600000 ms, was 0", assertThrows(IllegalArgumentException.class,
                () -> SseSettings.defaults().withHeartbeat(Duration.ZERO)).getMessage());
    }

    private static Config config(Map<String, String> values) {
        return Config.just(ConfigSources.create(values)).get("sse");
    }
}
