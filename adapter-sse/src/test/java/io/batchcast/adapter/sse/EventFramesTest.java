package io.batchcast.adapter.sse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class EventFramesTest {

    @Test
    void retryLineCarriesTheConfiguredMilliseconds() {
        assertEquals("retry: 1500\n\n", text(EventFrames.retry(Duration.ofMillis(1500))));
    }

    @Test
    void aReasonWithLineBreaksStaysOnOneDataLine() {
        assertEquals("id: db2-9\nevent: resync\ndata: {\"type\":\"resync\",\"data\":{\"head_event_id\":\"db2-9\","
                + "\"reason\":\"first\\nsecond\\r\\n\\\"quoted\\\"\"}}\n\n",
                text(EventFrames.resync("db2-9", "first\nsecond\r\n\"quoted\"")));
    }

    private static String text(byte[] frame) {
        return new String(frame, StandardCharsets.UTF_8);
    }
}
