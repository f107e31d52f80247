package io.batchcast.adapter.sse;

import io.helidon.config.Config;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How the event stream behaves over HTTP. Every value is checked here, so a misconfiguration fails at startup with the
 * key name and the limit rather than as odd behaviour under load. The limits every protocol shares (streams per user,
 * queue capacity, shutdown grace) are the delivery core's ({@code batchcast.delivery}).
 *
 * @param retry                  the {@code retry:} a client waits before reconnecting (key {@code retry}, default PT3S)
 * @param heartbeat              a {@code : keepalive} comment after this much silence (key {@code heartbeat},
 *                               default PT15S)
 * @param maxStrategiesPerStream {@code strategy=} values one {@code /api/v1/events} request may name
 *                               (key {@code max-strategies-per-stream}, default 64)
 * @param allowedOrigins         cross-origin pages allowed to open streams (key {@code allowed-origins}, default none)
 */
public record SseSettings(
        Duration retry,
        Duration heartbeat,
        int maxStrategiesPerStream,
        List<String> allowedOrigins) {

    public static final Duration DEFAULT_RETRY = Duration.ofSeconds(3);
    public static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(15);
    public static final int DEFAULT_MAX_STRATEGIES_PER_STREAM = 64;

    private static final Pattern ORIGIN = Pattern.compile("https?://[a-z0-9.\\-]+(:[0-9]{1,5})?|https?://\\[[0-9a-f:.]+](:[0-9]{1,5})?");

    public SseSettings {
        requireBetween("sse.retry", retry, Duration.ofMillis(100), Duration.ofMinutes(10));
        requireBetween("sse.heartbeat", heartbeat, Duration.ofMillis(10), Duration.ofMinutes(10));
        if (maxStrategiesPerStream < 1 || maxStrategiesPerStream > 1_000) {
            throw new IllegalArgumentException("sse.max-strategies-per-stream must be 1..1000, was "
                    + maxStrategiesPerStream);
        }
        allowedOrigins = origins(allowedOrigins);
    }

    /** Every default. */
    public static SseSettings defaults() {
        return new SseSettings(DEFAULT_RETRY, DEFAULT_HEARTBEAT, DEFAULT_MAX_STRATEGIES_PER_STREAM, List.of());
    }

    /** Reads the {@code sse} subtree; missing keys take their defaults. Durations are ISO-8601 ({@code PT3S}). */
    public static SseSettings from(Config sse) {
        return new SseSettings(
                sse.get("retry").as(Duration.class).orElse(DEFAULT_RETRY),
                sse.get("heartbeat").as(Duration.class).orElse(DEFAULT_HEARTBEAT),
                sse.get("max-strategies-per-stream").asInt().orElse(DEFAULT_MAX_STRATEGIES_PER_STREAM),
                originList(sse.get("allowed-origins")));
    }

    public SseSettings withRetry(Duration value) {
        return new SseSettings(value, heartbeat, maxStrategiesPerStream, allowedOrigins);
    }

    public SseSettings withHeartbeat(Duration value) {
        return new SseSettings(retry, value, maxStrategiesPerStream, allowedOrigins);
    }

    public SseSettings withMaxStrategiesPerStream(int value) {
        return new SseSettings(retry, heartbeat, value, allowedOrigins);
    }

    public SseSettings withAllowedOrigins(List<String> value) {
        return new SseSettings(retry, heartbeat, maxStrategiesPerStream, value);
    }

    private static List<String> originList(Config node) {
        if (node.isLeaf()) {
            // an environment variable gives one string: accept "https://a.example, https://b.example"
            return node.asString().map(s -> Arrays.stream(s.split(",")).map(String::trim)
                    .filter(o -> !o.isEmpty()).toList()).orElse(List.of());
        }
        return node.asList(String.class).orElse(List.of());
    }

    private static List<String> origins(List<String> configured) {
        List<String> origins = new ArrayList<>();
        for (int i = 0; i < configured.size(); i++) {
            String origin = configured.get(i).trim().toLowerCase(Locale.ROOT);
            if (!ORIGIN.matcher(origin).matches()) {
                throw new IllegalArgumentException("allowed-origins[" + i + "] must be an exact origin such as "
                        + "https://desk.example.com (scheme://host[:port], no path, no wildcard), was '"
                        + configured.get(i) + "'");
            }
            origins.add(origin);
        }
        return List.copyOf(origins);
    }

    private static void requireBetween(String key, Duration value, Duration min, Duration max) {
        Objects.requireNonNull(value, key);
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw new IllegalArgumentException(key + " must be " + min + ".." + max + ", was " + value);
        }
    }
}
