package io.batchcast.benchmark.sse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** A real loopback socket: a tiny server writes a chunked event stream, the reader parses it. */
class SseConnectionTest {

    private static final String HEAD = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n"
            + "Transfer-Encoding: chunked\r\n\r\n";
    private static final String FRAME = "id: e-1\nevent: order_batch_update\ndata: {\"batch_id\":\"b-1\"}\n\n";

    @Test
    void readsFramesSentRequestAndWireBytesOverARealSocket() throws Exception {
        try (ServerSocket server = new ServerSocket(0)) {
            StringBuilder request = new StringBuilder();
            Thread serving = Thread.ofVirtual().start(() -> serveOneStream(server, request));
            List<SseFrame> frames = new CopyOnWriteArrayList<>();
            SseEndpoint endpoint = SseEndpoint.loopback(server.getLocalPort(), "/api/v1/strategies/7/events", "tok");

            try (SseConnection connection = SseConnection.open(3, endpoint, null, false,
                    (reader, frame, nanos) -> frames.add(frame))) {
                connection.readFrames();

                assertEquals(200, connection.status());
                assertEquals(List.of("e-1", "e-1"), frames.stream().map(SseFrame::id).toList());
                assertTrue(connection.closedByPeer());
                String chunk = Integer.toHexString(FRAME.length()) + "\r\n" + FRAME + "\r\n";
                assertEquals(HEAD.length() + 2L * chunk.length() + "0\r\n\r\n".length(), connection.wireBytes());
            }
            serving.join();
            assertTrue(request.toString().startsWith("GET /api/v1/strategies/7/events HTTP/1.1\r\n"));
            assertTrue(request.toString().contains("\r\nAuthorization: Bearer tok\r\n"));
        }
    }

    private static void serveOneStream(ServerSocket server, StringBuilder request) {
        try (Socket socket = server.accept()) {
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[4096];
            int n = in.read(buffer);
            request.append(new String(buffer, 0, n, StandardCharsets.US_ASCII));
            OutputStream out = socket.getOutputStream();
            String chunk = Integer.toHexString(FRAME.length()) + "\r\n" + FRAME + "\r\n";
            out.write((HEAD + chunk).getBytes(StandardCharsets.US_ASCII));
            out.flush();
            out.write((chunk + "0\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
