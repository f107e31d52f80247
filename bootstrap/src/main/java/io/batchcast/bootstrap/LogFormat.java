package io.batchcast.bootstrap;

import io.helidon.config.Config;
import java.util.Locale;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * How the process writes its log ({@code batchcast.log.format}, {@code BATCHCAST_LOG_FORMAT}): {@code text}, one
 * human-readable line a record, or {@code json}, one JSON object a line (logback.xml has both). Chosen before anything
 * logs, because logback reads the choice once, when the first logger is made.
 */
enum LogFormat {
    TEXT,
    JSON;

    private static final String KEY = "batchcast.log.format";

    /** Fails with the key, the variable and the allowed values when the value is neither {@code text} nor {@code json}. */
    static LogFormat from(Config config) {
        String value = config.get(KEY).asString().orElse("text");
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "text" -> TEXT;
            case "json" -> JSON;
            default -> throw new IllegalArgumentException(KEY + " (BATCHCAST_LOG_FORMAT) must be text or json, was '"
                    + value + "'");
        };
    }

    /** The server: every logger of the process, java.util.logging's included, writes this format to stdout. */
    void installForServer() {
        System.setProperty("batchcast-logback.format", name().toLowerCase(Locale.ROOT));
        // Helidon, grpc-java and System.Logger log to JUL: hand its records to SLF4J instead of JUL's console handler
        SLF4JBridgeHandler.removeHandlersForRootLogger();
        SLF4JBridgeHandler.install();
        // the JVM would print a thread's uncaught exception on stderr, outside the format
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> LoggerFactory.getLogger(LogFormat.class)
                .error("Uncaught exception in thread {}", thread.getName(), e));
    }

    /** A command whose stdout carries its answer alone (token, venue): whatever logs through SLF4J goes to stderr. */
    static void logToStderr() {
        System.setProperty("batchcast-logback.target", "System.err");
    }
}
