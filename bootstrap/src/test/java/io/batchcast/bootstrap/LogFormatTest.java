package io.batchcast.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class LogFormatTest {

    private static LogFormat of(Map<String, String> values) {
        return LogFormat.from(Config.just(ConfigSources.create(values)));
    }

    @Test
    void textUnlessJsonIsAskedFor() {
        assertSame(LogFormat.TEXT, of(Map.of()));
        assertSame(LogFormat.TEXT, of(Map.of("batchcast.log.format", "text")));
        assertSame(LogFormat.JSON, of(Map.of("batchcast.log.format", "json")));
        assertSame(LogFormat.JSON, of(Map.of("batchcast.log.format", " JSON ")));
    }

    @Test
    void anyOtherValueIsRefusedNamingTheKeyTheVariableAndTheChoices() {
        var failure = assertThrows(IllegalArgumentException.class, () -> of(Map.of("batchcast.log.format", "logfmt")));
        assertEquals("batchcast.log.format (BATCHCAST_LOG_FORMAT) must be text or json, was 'logfmt'",
                failure.getMessage());
    }

    @Test
    void aThreadsUncaughtExceptionBecomesALogRecordInsteadOfPlainStderr() throws Exception {
        Thread.UncaughtExceptionHandler before = Thread.getDefaultUncaughtExceptionHandler();
        Logger logger = (Logger) LoggerFactory.getLogger(LogFormat.class);
        ListAppender<ILoggingEvent> records = new ListAppender<>();
        records.start();
        logger.addAppender(records);
        try {
            LogFormat.TEXT.installForServer();
            Thread failing = new Thread(() -> {
                throw new IllegalStateException("boom");
            }, "failing-worker");
            failing.start();
            failing.join();

            assertEquals(1, records.list.size());
            ILoggingEvent record = records.list.getFirst();
            assertEquals("Uncaught exception in thread failing-worker", record.getFormattedMessage());
            assertEquals("ERROR", record.getLevel().toString());
            assertEquals("boom", record.getThrowableProxy().getMessage());
        } finally {
            logger.detachAppender(records);
            Thread.setDefaultUncaughtExceptionHandler(before);
            org.slf4j.bridge.SLF4JBridgeHandler.uninstall();
        }
    }
}
