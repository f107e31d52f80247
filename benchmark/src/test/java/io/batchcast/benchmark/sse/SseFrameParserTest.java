package io.batchcast.benchmark.sse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseFrameParserTest {

    private static final String DESIGN_FRAME = "id: mem-7\nevent: order_batch_update\ndata: {\"type\":"
            + "\"order_batch_update\",\"data\":{\"strategy_id\":7,\"batch_id\":\"b-42\",\"summaries\":[{\"order_type\":"
            + "\"LIMIT\",\"created\":5,\"cancelled\":3}],\"timestamp\":\"2025-10-30T12:34:56.789Z\"}}\n\n";

    private final List<SseFrame> frames = new ArrayList<>();
    private final SseFrameParser parser = new SseFrameParser(frames::add);

    private void feed(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        parser.feed(bytes, 0, bytes.length);
    }

    @Test
    void parsesTheDesignFrameWithItsByteCount() {
        feed("retry: 3000\n\n" + DESIGN_FRAME);

        assertEquals(2, frames.size());
        assertEquals(3000L, frames.get(0).retryMillis());
        SseFrame event = frames.get(1);
        assertEquals("mem-7", event.id());
        assertEquals("order_batch_update", event.event());
        assertEquals("b-42", event.jsonString("batch_id"));
        assertEquals("2025-10-30T12:34:56.789Z", event.jsonString("timestamp"));
        assertEquals(DESIGN_FRAME.length(), event.bytes());
    }

    @Test
    void frameSplitAcrossReadsAtEveryByteIsParsedOnce() {
        byte[] bytes = DESIGN_FRAME.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            parser.feed(bytes, i, 1);
        }

        assertEquals(1, frames.size());
        assertEquals("b-42", frames.getFirst().jsonString("batch_id"));
    }

    @Test
    void heartbeatCommentIsAFrameWithoutData() {
        feed(": keepalive\n\n");

        SseFrame heartbeat = frames.getFirst();
        assertTrue(heartbeat.isHeartbeat());
        assertEquals("keepalive", heartbeat.comment());
        assertNull(heartbeat.data());
    }

    @Test
    void dataLinesJoinWithLineFeedsAndCrLfEndsLines() {
        feed("event: x\r\ndata: one\r\ndata:two\r\n\r\n");

        SseFrame frame = frames.getFirst();
        assertEquals("x", frame.event());
        assertEquals("one\ntwo", frame.data());
    }

    @Test
    void blankLinesAloneDispatchNothing() {
        feed("\n\n\n");

        assertEquals(List.of(), frames);
    }

    @Test
    void jsonStringOfAMissingMemberIsNull() {
        feed("data: {\"a\":1}\n\n");

        assertNull(frames.getFirst().jsonString("batch_id"));
    }
}
