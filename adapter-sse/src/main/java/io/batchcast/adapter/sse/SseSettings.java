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
 * How the event stream behaves. Every value is checked here, so a misconfiguration fails at startup with the key
 * name and the limit rather than as odd behaviour under load.
 *
 * @param retry            the {@code retry:} a client waits before reconnecting (key {@code retry-ms}, default 3000)
 * @param heartbeat        a {@code : keepalive} comment after this much silence (key {@code heartbeat-ms}, default 15000)
 * @param queueCapacity    frames one stream may have waiting before it is closed as too slow
 *                         (key {@code queue-capacity}, default 256)
 * @param maxStreamsPerUser open streams one user may hold; one more is refused with 429
 *                         (key {@code max-streams-per-user}, default 16)
 * @param allowedOrigins   cross-origin pages allowed to open streams (key {@code allowed-origins}, default none)
 * @param shutdownGrace    how long {@link SseRouting#close()} lets streams end cleanly before cutting them
 *                         (key {@code shutdown-grace-ms}, default 2000)
 */
public record SseSettings(
        Duration retry,
        Duration heartbeat,
        int queueCapacity,
        int maxStreamsPerUser,
        List<String> allowedOrigins,
        Duration shutdownGrace) {

    public static final Duration DEFAULT_RETRY = Duration.ofMillis(3000);
    public static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(15);
    public static final int DEFAULT_QUEUE_CAPACITY = 256;
    public static final int DEFAULT_MAX_STREAMS_PER_USER = 16;
    public static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(2);

    private static final Pattern ORIGIN = Pattern.compile("https?://[a-z0-9.\\-]+(:[0-9]{1,5})?|https?://\\[[0-9a-f:.]+](:[0-9]{1,5})?");

    public SseSettings {
        requireBetween("retry-ms", retry, Duration.ofMillis(100), Duration.ofMinutes(10));
        requireBetween("heartbeat-ms", heartbeat, Duration.ofMillis(10), Duration.ofMinutes(10));
        requireBetween("shutdown-grace-ms", shutdownGrace, Duration.ZERO, Duration.ofMinutes(1));
        if (queueCapacity < 1 || queueCapacity > 100_000) {
            throw new IllegalArgumentException("queue-capacity must be 1..100000, was " + queueCapacity);
        }
        if (maxStreamsPerUser < 1 || maxStreamsPerUser > 10_000) {
            throw new IllegalArgumentException("max-streams-per-user must be 1..10000, was " + maxStreamsPerUser);
        }
        allowedOrigins = origins(allowedOrigins);
    }

    /** Every default. */
    public static SseSettings defaults() {
        return new SseSettings(DEFAULT_RETRY, DEFAULT_HEARTBEAT, DEFAULT_QUEUE_CAPACITY, DEFAULT_MAX_STREAMS_PER_USER,
                List.of(), DEFAULT_SHUTDOWN_GRACE);
    }

    /** Reads the {@code sse} subtree; missing keys take their defaults. */
    public static SseSettings from(Config sse) {
        return new SseSettings(
                Duration.ofMillis(sse.get("retry-ms").asLong().orElse(DEFAULT_RETRY.toMillis())),
                Duration.ofMillis(sse.get("heartbeat-ms").asLong().orElse(DEFAULT_HEARTBEAT.toMillis())),
                sse.get("queue-capacity").asInt().orElse(DEFAULT_QUEUE_CAPACITY),
                sse.get("max-streams-per-user").asInt().orElse(DEFAULT_MAX_STREAMS_PER_USER),
                originList(sse.get("allowed-origins")),
                Duration.ofMillis(sse.get("shutdown-grace-ms").asLong().orElse(DEFAULT_SHUTDOWN_GRACE.toMillis())));
    }

    public SseSettings withRetry(Duration value) {
        return new SseSettings(value, heartbeat, queueCapacity, maxStreamsPerUser, allowedOrigins, shutdownGrace);
    }

    public SseSettings withHeartbeat(Duration value) {
        return new SseSettings(retry, value, queueCapacity, maxStreamsPerUser, allowedOrigins, shutdownGrace);
    }

    public SseSettings withQueueCapacity(int value) {
        return new SseSettings(retry, heartbeat, value, maxStreamsPerUser, allowedOrigins, shutdownGrace);
    }

    public SseSettings withMaxStreamsPerUser(int value) {
        return new SseSettings(retry, heartbeat, queueCapacity, value, allowedOrigins, shutdownGrace);
    }

    public SseSettings withAllowedOrigins(List<String> value) {
        return new SseSettings(retry, heartbeat, queueCapacity, maxStreamsPerUser, value, shutdownGrace);
    }

    public SseSettings withShutdownGrace(Duration value) {
        return new SseSettings(retry, heartbeat, queueCapacity, maxStreamsPerUser, allowedOrigins, value);
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
            throw new IllegalArgumentException(key + " must be " + min.toMillis() + ".." + max.toMillis()
                    + " ms, was " + value.toMillis());
        }
    }
}
