package io.batchcast.benchmark.sse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ChunkedDecoderTest {

    private static final String BODY = "19\r\nid: 1\nevent: x\ndata: {}\n\n\r\n"
            + "b;ext=1\r\n: keepalive\r\n"
            + "0\r\n\r\n";

    @Test
    void decodesChunksFedInOneRead() {
        ByteArrayOutputStream decoded = new ByteArrayOutputStream();
        ChunkedDecoder decoder = new ChunkedDecoder(decoded::write);
        byte[] bytes = BODY.getBytes(StandardCharsets.US_ASCII);

        decoder.feed(bytes, 0, bytes.length);

        assertEquals("id: 1\nevent: x\ndata: {}\n\n: keepalive", decoded.toString(StandardCharsets.US_ASCII));
        assertTrue(decoder.finished());
    }

    @Test
    void decodesChunksFedOneByteAtATime() {
        ByteArrayOutputStream decoded = new ByteArrayOutputStream();
        ChunkedDecoder decoder = new ChunkedDecoder(decoded::write);
        byte[] bytes = BODY.getBytes(StandardCharsets.US_ASCII);

        for (int i = 0; i < bytes.length; i++) {
            decoder.feed(bytes, i, 1);
        }

        assertEquals("id: 1\nevent: x\ndata: {}\n\n: keepalive", decoded.toString(StandardCharsets.US_ASCII));
        assertTrue(decoder.finished());
    }

    @Test
    void anOpenStreamIsNotFinished() {
        ChunkedDecoder decoder = new ChunkedDecoder((b, o, l) -> { });
        byte[] bytes = "3\r\nabc\r\n".getBytes(StandardCharsets.US_ASCII);

        decoder.feed(bytes, 0, bytes.length);

        assertFalse(decoder.finished());
    }

    @Test
    void rejectsAMalformedChunkSize() {
        ChunkedDecoder decoder = new ChunkedDecoder((b, o, l) -> { });
        byte[] bytes = "zz\r\n".getBytes(StandardCharsets.US_ASCII);

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> decoder.feed(bytes, 0, 4));

        assertEquals("malformed chunk size byte 0x7a", e.getMessage());
    }

    @Test
    void overheadIsHexSizeAndTwoLineEnds() {
        assertEquals(5, ChunkedDecoder.overhead(15));
        assertEquals(7, ChunkedDecoder.overhead(300));
    }
}
