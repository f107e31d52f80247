package io.batchcast.bootstrap;

import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads an SSE stream over a plain socket, frame by frame, exactly as the bytes arrive. */
final class RawSseClient implements AutoCloseable {

    private final Socket socket;
    private final BufferedReader in;
    final int status;

    RawSseClient(int port, String path, String token, String lastEventId) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(10_000);
        StringBuilder request = new StringBuilder("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
                + "\r\nAccept: text/event-stream\r\nAuthorization: Bearer " + token + "\r\n");
        if (lastEventId != null) {
            request.append("Last-Event-ID: ").append(lastEventId).append("\r\n");
        }
        OutputStream out = socket.getOutputStream();
        out.write(request.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream raw = new BufferedInputStream(socket.getInputStream());
        String statusLine = asciiLine(raw);
        status = Integer.parseInt(statusLine.split(" ")[1]);
        boolean chunked = false;
        for (String line = asciiLine(raw); line != null && !line.isEmpty(); line = asciiLine(raw)) {
            chunked |= line.toLowerCase().startsWith("transfer-encoding: chunked");
        }
        in = new BufferedReader(new InputStreamReader(chunked ? new Dechunked(raw) : raw, StandardCharsets.UTF_8));
    }

    private static String asciiLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b != -1; b = in.read()) {
            if (b == '\n') {
                return line.toString();
            }
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.isEmpty() ? null : line.toString();
    }

    /** HTTP/1.1 chunked transfer coding, decoded. */
    private static final class Dechunked extends InputStream {
        private final InputStream in;
        private long remaining;
        private boolean done;

        Dechunked(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) == -1 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (done) {
                return -1;
            }
            if (remaining == 0) {
                String size = asciiLine(in);
                while (size != null && size.isEmpty()) {
                    size = asciiLine(in);
                }
                if (size == null) {
                    done = true;
                    return -1;
                }
                remaining = Long.parseLong(size.split(";")[0].trim(), 16);
                if (remaining == 0) {
                    done = true;
                    return -1;
                }
            }
            int n = in.read(buffer, offset, (int) Math.min(length, remaining));
            if (n == -1) {
                done = true;
                return -1;
            }
            remaining -= n;
            return n;
        }
    }

    /** The next frame (lines up to a blank line, joined with \n and ending in \n\n), or null at end of stream. */
    String nextFrame() throws IOException {
        List<String> lines = new ArrayList<>();
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            if (line.isEmpty()) {
                if (!lines.isEmpty()) {
                    return String.join("\n", lines) + "\n\n";
                }
                continue;
            }
            lines.add(line);
        }
        return lines.isEmpty() ? null : String.join("\n", lines) + "\n\n";
    }

    /** The next frame that is not a heartbeat comment. */
    String nextEvent() throws IOException {
        for (String frame = nextFrame(); frame != null; frame = nextFrame()) {
            if (!frame.startsWith(":") && !frame.startsWith("retry:")) {
                return frame;
            }
        }
        return null;
    }

    /** True when the server ends the stream within the socket timeout (EOF), false if it is still open. */
    boolean endsCleanly() throws IOException {
        try {
            for (String frame = nextFrame(); frame != null; frame = nextFrame()) {
                if (!frame.startsWith(":")) {
                    return false;
                }
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
