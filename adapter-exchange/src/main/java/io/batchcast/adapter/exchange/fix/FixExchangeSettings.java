package io.batchcast.adapter.exchange.fix;

import io.batchcast.adapter.exchange.fix.store.StoreDatabase;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How the FIX adapter reaches its venue. Bootstrap maps configuration onto it; tests use the withers.
 *
 * @param host              the venue's host
 * @param port              the venue's FIX port
 * @param senderCompId      our SenderCompID (49); each gateway instance on one venue needs its own
 * @param targetCompId      the venue's CompID (56)
 * @param timeout           how long a place, cancel or lookup waits for the venue's answer; after it the call throws
 *                          (outcome unknown)
 * @param reconnectInterval how long the initiator waits between connection attempts (whole seconds, at least 1)
 * @param heartbeatInterval HeartBtInt (108) proposed at logon (whole seconds, at least 1): a silent venue is taken for
 *                          gone after about twice this long
 * @param store             the database of the message store (the gateway's own)
 */
public record FixExchangeSettings(
        String host,
        int port,
        String senderCompId,
        String targetCompId,
        Duration timeout,
        Duration reconnectInterval,
        Duration heartbeatInterval,
        StoreDatabase store) {

    public static final String SCHEME = "fix://";
    public static final String DEFAULT_SENDER_COMP_ID = "BATCHCAST";
    public static final String DEFAULT_TARGET_COMP_ID = "PAPERVENUE";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_RECONNECT_INTERVAL = Duration.ofSeconds(2);
    public static final Duration DEFAULT_HEARTBEAT_INTERVAL = Duration.ofSeconds(10);

    private static final Pattern ADDRESS = Pattern.compile("fix://(\\[[^]]+]|[^:/\\[\\]]+):(\\d{1,5})/?");
    private static final Pattern COMP_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    public FixExchangeSettings {
        Objects.requireNonNull(host, "host");
        if (host.isBlank()) {
            throw new IllegalArgumentException("host must not be empty");
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port must be between 1 and 65535, was " + port);
        }
        requireCompId("senderCompId", senderCompId);
        requireCompId("targetCompId", targetCompId);
        if (senderCompId.equals(targetCompId)) {
            throw new IllegalArgumentException("senderCompId and targetCompId must differ, both were " + senderCompId);
        }
        requireAtLeast("timeout", timeout, Duration.ofMillis(1));
        requireAtLeast("reconnectInterval", reconnectInterval, Duration.ofSeconds(1));
        requireAtLeast("heartbeatInterval", heartbeatInterval, Duration.ofSeconds(1));
        Objects.requireNonNull(store, "store");
    }

    /** The venue at {@code fix://host:port}, with the default session ids, timeout and intervals. */
    public static FixExchangeSettings of(String address, StoreDatabase store) {
        Objects.requireNonNull(address, "address");
        Matcher matcher = ADDRESS.matcher(address.strip());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("a FIX venue address looks like fix://host:port, was '" + address + "'");
        }
        String host = matcher.group(1);
        if (host.startsWith("[")) {
            host = host.substring(1, host.length() - 1);
        }
        return new FixExchangeSettings(host, Integer.parseInt(matcher.group(2)), DEFAULT_SENDER_COMP_ID,
                DEFAULT_TARGET_COMP_ID, DEFAULT_TIMEOUT, DEFAULT_RECONNECT_INTERVAL, DEFAULT_HEARTBEAT_INTERVAL, store);
    }

    /** Whether {@code exchange} names a FIX venue ({@code fix://...}) rather than an in-process exchange. */
    public static boolean isFixAddress(String exchange) {
        return exchange != null && exchange.strip().startsWith(SCHEME);
    }

    public String address() {
        return SCHEME + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    public FixExchangeSettings withCompIds(String sender, String target) {
        return new FixExchangeSettings(host, port, sender, target, timeout, reconnectInterval, heartbeatInterval, store);
    }

    public FixExchangeSettings withTimeout(Duration newTimeout) {
        return new FixExchangeSettings(host, port, senderCompId, targetCompId, newTimeout, reconnectInterval,
                heartbeatInterval, store);
    }

    public FixExchangeSettings withReconnectInterval(Duration interval) {
        return new FixExchangeSettings(host, port, senderCompId, targetCompId, timeout, interval, heartbeatInterval,
                store);
    }

    public FixExchangeSettings withHeartbeatInterval(Duration interval) {
        return new FixExchangeSettings(host, port, senderCompId, targetCompId, timeout, reconnectInterval, interval,
                store);
    }

    private static void requireCompId(String name, String value) {
        if (value == null || !COMP_ID.matcher(value).matches()) {
            throw new IllegalArgumentException(name + " must be 1-64 of [A-Za-z0-9._-], was '" + value + "'");
        }
    }

    private static void requireAtLeast(String name, Duration value, Duration min) {
        Objects.requireNonNull(value, name);
        if (value.compareTo(min) < 0) {
            throw new IllegalArgumentException(name + " must be at least " + min + ", was " + value);
        }
    }
}
