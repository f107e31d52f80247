package io.batchcast.bootstrap;

import io.helidon.logging.common.spi.LoggingProvider;

/**
 * Tells Helidon that logging is taken care of. Helidon looks for a logging provider when its web server starts and
 * writes to stderr, outside any log format, when it finds none; {@link LogFormat} has set up logback (and handed
 * java.util.logging to it) before that, so there is nothing left to do here.
 */
public final class LogbackLoggingProvider implements LoggingProvider {

    @Override
    public void initialization() {
        // logback configures itself from logback.xml when the first logger is made
    }

    @Override
    public void runTime() {
        // LogFormat.installForServer() ran before the server started
    }
}
