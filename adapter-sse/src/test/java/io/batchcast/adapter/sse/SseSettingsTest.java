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

        assertEquals(new SseSettings(Duration.ofSeconds(3), Duration.ofSeconds(15), 64, List.of()), settings);
    }

    @Test
    void everyKeyIsReadFromTheSseSubtree() {
        SseSettings settings = SseSettings.from(config(Map.of("sse.retry", "PT5S", "sse.heartbeat", "PT0.25S",
                "sse.max-strategies-per-stream", "3",
                "sse.allowed-origins", "https://desk.example.com, http://localhost:5173")));

        assertEquals(new SseSettings(Duration.ofSeconds(5), Duration.ofMillis(250), 3,
                List.of("https://desk.example.com", "http://localhost:5173")), settings);
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
        assertEquals("sse.max-strategies-per-stream must be 1..1000, was 0", assertThrows(
                IllegalArgumentException.class, () -> SseSettings.defaults().withMaxStrategiesPerStream(0))
                .getMessage());
        assertEquals("sse.heartbeat must be PT0.01S..PT10M, was PT0S", assertThrows(IllegalArgumentException.class,
                () -> SseSettings.defaults().withHeartbeat(Duration.ZERO)).getMessage());
    }

    private static Config config(Map<String, String> values) {
        return Config.just(ConfigSources.create(values)).get("sse");
    }
}
