package io.batchcast.adapter.grpc;

import java.time.Duration;
import java.util.Objects;

/**
 * The gRPC server's port and limits. Bootstrap maps configuration onto it; {@link #defaults()} holds the values an
 * operator gets without configuring anything.
 *
 * @param port                  TCP port; 0 picks a free one (see {@link GrpcServer#port()})
 * @param maxInboundMessageBytes largest request message accepted; bigger ones fail with RESOURCE_EXHAUSTED
 * @param keepAliveTime         idle time after which the server pings the client to detect dead connections
 * @param keepAliveTimeout      how long the server waits for the ping's answer before closing the connection
 * @param permitKeepAliveTime   most frequent client keepalive ping the server tolerates (more often: GOAWAY)
 * @param maxConcurrentCallsPerConnection HTTP/2 streams one connection may have open at once
 *
 * <p>The limits of event streams (per user, buffered events) are the delivery core's, shared with SSE.
 */
public record GrpcSettings(
        int port,
        int maxInboundMessageBytes,
        Duration keepAliveTime,
        Duration keepAliveTimeout,
        Duration permitKeepAliveTime,
        int maxConcurrentCallsPerConnection) {

    public static final int DEFAULT_PORT = 9090;
    public static final int DEFAULT_MAX_INBOUND_MESSAGE_BYTES = 4 * 1024 * 1024;

    public GrpcSettings {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0 to 65535, was " + port);
        }
        requireAtLeast("maxInboundMessageBytes", maxInboundMessageBytes, 1024);
        requirePositive("keepAliveTime", keepAliveTime);
        requirePositive("keepAliveTimeout", keepAliveTimeout);
        requirePositive("permitKeepAliveTime", permitKeepAliveTime);
        requireAtLeast("maxConcurrentCallsPerConnection", maxConcurrentCallsPerConnection, 1);
    }

    /** Port 9090, 4 MiB messages, keepalive ping after 60 s idle (20 s timeout), clients may ping every 20 s. */
    public static GrpcSettings defaults() {
        return new GrpcSettings(DEFAULT_PORT, DEFAULT_MAX_INBOUND_MESSAGE_BYTES, Duration.ofSeconds(60),
                Duration.ofSeconds(20), Duration.ofSeconds(20), 1_000);
    }

    public GrpcSettings withPort(int newPort) {
        return new GrpcSettings(newPort, maxInboundMessageBytes, keepAliveTime, keepAliveTimeout, permitKeepAliveTime,
                maxConcurrentCallsPerConnection);
    }

    public GrpcSettings withMaxInboundMessageBytes(int bytes) {
        return new GrpcSettings(port, bytes, keepAliveTime, keepAliveTimeout, permitKeepAliveTime,
                maxConcurrentCallsPerConnection);
    }

    private static void requireAtLeast(String name, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(name + " must be >= " + min + ", was " + value);
        }
    }

    private static void requirePositive(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }
}
