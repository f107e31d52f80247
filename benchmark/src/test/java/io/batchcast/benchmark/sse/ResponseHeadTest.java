package io.batchcast.benchmark.sse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ResponseHeadTest {

    @Test
    void readsStatusChunkingAndKeepsTheBodyBytesOfTheSameRead() throws IOException {
        String head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n";
        byte[] bytes = (head + "c\r\nretry: 3000").getBytes(StandardCharsets.US_ASCII);

        ResponseHead parsed = ResponseHead.read(new ByteArrayInputStream(bytes));

        assertEquals(200, parsed.status());
        assertTrue(parsed.chunked());
        assertEquals(head.length(), parsed.headBytes());
        assertArrayEquals("c\r\nretry: 3000".getBytes(StandardCharsets.US_ASCII), parsed.leftover());
    }

    @Test
    void readsAnErrorStatusWithoutChunking() throws IOException {
        byte[] bytes = "HTTP/1.1 429 Too Many Requests\r\ncontent-length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

        ResponseHead parsed = ResponseHead.read(new ByteArrayInputStream(bytes));

        assertEquals(429, parsed.status());
        assertFalse(parsed.chunked());
    }

    @Test
    void aConnectionClosedMidHeadIsAnError() {
        byte[] bytes = "HTTP/1.1 200 OK\r\n".getBytes(StandardCharsets.US_ASCII);

        IOException e = assertThrows(IOException.class, () -> ResponseHead.read(new ByteArrayInputStream(bytes)));

        assertEquals("connection closed before the response head was complete", e.getMessage());
    }
}
