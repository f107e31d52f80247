package io.batchcast.adapter.sse;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An HTTP/1.1 client on a plain socket, so tests see the exact bytes the server wrote: the status line, headers, and
 * the body with chunk framing removed. It can also be a reader that never reads (a stalled trader's browser).
 */
final class RawStream implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;
    private final Map<String, String> headers = new HashMap<>();
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private int status;
    private boolean chunked;
    private long contentLength = -1;
    private boolean ended;
    private boolean endedCleanly;

    /** The fixed gzip header java.util.zip writes (no name, no extra fields). */
    private static final int GZIP_HEADER = 10;

    private RawStream(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
    }

    /** Sends the request and reads the status line and headers. */
    static RawStream get(int port, String target, Map<String, String> requestHeaders) throws IOException {
        return request(port, "GET", target, requestHeaders);
    }

    /** Sends the request with these header lines, in order, repeats included, and reads the status line and headers. */
    static RawStream request(int port, String method, String target, List<Map.Entry<String, String>> headerLines)
            throws IOException {
        RawStream stream = send(port, method, target, headerLines, 0);
        stream.readHead();
        return stream;
    }

    /** Sends the request and never reads anything: the kernel buffers fill and the server's writes block. */
    static RawStream stalled(int port, String target, Map<String, String> requestHeaders) throws IOException {
        return send(port, "GET", target, List.copyOf(requestHeaders.entrySet()), 1024);
    }

    static RawStream request(int port, String method, String target, Map<String, String> requestHeaders)
            throws IOException {
        return request(port, method, target, List.copyOf(requestHeaders.entrySet()));
    }

    static Map<String, String> headers(String... namesAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            map.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return map;
    }

    /** Header lines in this order, a name may repeat: {@code headerLines("Authorization", a, "Authorization", b)}. */
    static List<Map.Entry<String, String>> headerLines(String... namesAndValues) {
        List<Map.Entry<String, String>> lines = new ArrayList<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            lines.add(Map.entry(namesAndValues[i], namesAndValues[i + 1]));
        }
        return lines;
    }

    private static RawStream send(int port, String method, String target, List<Map.Entry<String, String>> headerLines,
            int receiveBuffer) throws IOException {
        Socket socket = new Socket();
        if (receiveBuffer > 0) {
            socket.setReceiveBufferSize(receiveBuffer);
        }
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
        socket.setSoTimeout(10_000);
        StringBuilder request = new StringBuilder(method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
                + "\r\n");
        headerLines.forEach(line -> request.append(line.getKey()).append(": ").append(line.getValue()).append("\r\n"));
        request.append("\r\n");
        socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.UTF_8));
        socket.getOutputStream().flush();
        return new RawStream(socket);
    }

    int status() {
        return status;
    }

    /** A response header, or null; names are case-insensitive. Repeated headers are joined with ", ". */
    String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /** Reads until the body holds {@code count} complete frames (ending in a blank line) and returns them all. */
    String readFrames(int count, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (frameCount(text()) < count) {
            readSome(deadline);
        }
        return text();
    }

    /** The whole body, once the server ends the response (terminating chunk, or the connection closed). */
    String readToEnd(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!ended) {
            readSome(deadline);
        }
        return text();
    }

    /** Whether the server ended or dropped the stream within {@code timeout}, reading whatever arrives meanwhile. */
    boolean endsWithin(Duration timeout) {
        try {
            readToEnd(timeout);
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    /** For a stalled reader: reads and discards everything until the server closes the connection. */
    boolean closedByServerWithin(Duration timeout) throws IOException {
        socket.setSoTimeout((int) timeout.toMillis());
        try {
            while (in.read(new byte[8192]) >= 0) {
                // discard what the kernel buffered before the server gave up on us
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;  // reset by the server
        }
    }

    String text() {
        return body.toString(StandardCharsets.UTF_8);
    }

    /** Reads a gzip body until it inflates to {@code count} complete frames; returns the inflated text. */
    String readInflatedFrames(int count, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (frameCount(inflated()) < count) {
            readSome(deadline);
        }
        return inflated();
    }

    /** What the gzip body received so far inflates to (each write is sync-flushed, so whole frames come out). */
    String inflated() {
        byte[] compressed = body.toByteArray();
        if (compressed.length <= GZIP_HEADER) {
            return "";
        }
        var inflater = new java.util.zip.Inflater(true);
        inflater.setInput(compressed, GZIP_HEADER, compressed.length - GZIP_HEADER);
        var out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            int n;
            while ((n = inflater.inflate(buffer)) > 0) {
                out.write(buffer, 0, n);
            }
        } catch (java.util.zip.DataFormatException e) {
            throw new IllegalStateException("not a deflate stream: " + e.getMessage(), e);
        } finally {
            inflater.end();
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    boolean ended() {
        return ended;
    }

    /** The server finished the response with its terminating chunk, rather than dropping the connection. */
    boolean endedCleanly() {
        return endedCleanly;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /** The frames (and keepalive comments) in {@code text}: each ends with a blank line. */
    static int frameCount(String text) {
        int count = 0;
        for (int at = text.indexOf("\n\n"); at >= 0; at = text.indexOf("\n\n", at + 2)) {
            count++;
        }
        return count;
    }

    private void readHead() throws IOException {
        String statusLine = line();
        status = Integer.parseInt(statusLine.split(" ")[1]);
        for (String line = line(); !line.isEmpty(); line = line()) {
            int colon = line.indexOf(':');
            headers.merge(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim(),
                    (a, b) -> a + ", " + b);
        }
        chunked = "chunked".equalsIgnoreCase(header("transfer-encoding"));
        if (header("content-length") != null) {
            contentLength = Long.parseLong(header("content-length"));
            body.write(in.readNBytes((int) contentLength));
            ended = true;
        }
    }

    private void readSome(long deadline) throws IOException {
        if (ended) {
            throw new EOFException("the response has ended; body so far: " + text());
        }
        int remaining = (int) Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
        if (System.nanoTime() > deadline) {
            throw new SocketTimeoutException("timed out; body so far: " + text());
        }
        socket.setSoTimeout(remaining);
        if (!chunked) {
            int b = in.read();
            if (b < 0) {
                ended = true;
                return;
            }
            body.write(b);
            return;
        }
        readChunk();
    }

    private void readChunk() throws IOException {
        String sizeLine;
        try {
            sizeLine = line();
        } catch (EOFException e) {
            ended = true;
            return;
        }
        int size = Integer.parseInt(sizeLine.trim(), 16);
        if (size == 0) {
            line();
            ended = true;
            endedCleanly = true;
            return;
        }
        body.write(in.readNBytes(size));
        line();
    }

    private String line() throws IOException {
        var line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) {
                throw new EOFException("connection closed; body so far: " + text());
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }
}
