package io.batchcast.benchmark.sse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Real loopback sockets: a tiny event-stream server, and a port where nothing listens. */
class SseAudienceTest {

    @Test
    void opensEveryReaderAndEachReadsTheFrameSentToIt() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 200);
             SseAudience audience = new SseAudience()) {
            Thread.ofVirtual().start(() -> serveForever(server));
            AtomicInteger frames = new AtomicInteger();

            audience.open(0, 50, r -> SseEndpoint.loopback(server.getLocalPort(), "/s", null), r -> false,
                    LoopbackAddresses.defaults(), (reader, frame, nanos) -> frames.incrementAndGet());

            assertEquals(50, audience.connected());
            assertEquals(0, audience.failures());
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (frames.get() < 50 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(50, frames.get());
        }
    }

    @Test
    void givesUpOnTheRestOnceAHandshakeWindowOfReadersHasFailed() throws Exception {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0)) {
            closedPort = probe.getLocalPort();
        }
        try (SseAudience audience = new SseAudience()) {
            audience.open(0, 500, r -> SseEndpoint.loopback(closedPort, "/s", null), r -> false,
                    LoopbackAddresses.defaults(), SseListener.IGNORE);

            assertEquals(0, audience.connected());
            assertEquals(500, audience.failures() + audience.notAttempted());
            assertTrue(audience.failures() >= 64, "failures: " + audience.failures());
            assertTrue(audience.notAttempted() > 0, "nothing was skipped");
            assertTrue(audience.firstFailure().contains("Connection refused"), audience.firstFailure());
        }
    }

    private static void serveForever(ServerSocket server) {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                Thread.ofVirtual().start(() -> answer(socket));
            } catch (Exception closed) {
                return;
            }
        }
    }

    private static void answer(Socket socket) {
        try (socket) {
            InputStream in = socket.getInputStream();
            in.read(new byte[1024]);
            OutputStream out = socket.getOutputStream();
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n\r\n: hi\n\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            in.read(new byte[1]); // hold the stream open until the reader closes it
        } catch (Exception ignored) {
            // the reader went away
        }
    }
}
