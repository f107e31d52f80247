package io.batchcast.benchmark.sse;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * The status line and headers of an HTTP/1.1 response, read byte-exact from the socket so that the body bytes that
 * arrived in the same read are kept ({@code leftover}) for the body decoder.
 */
record ResponseHead(int status, boolean chunked, int headBytes, byte[] leftover) {

    private static final int MAX_HEAD = 16 * 1024;

    static ResponseHead read(InputStream in) throws IOException {
        byte[] buffer = new byte[2048];
        int filled = 0;
        while (true) {
            if (filled == buffer.length) {
                if (buffer.length >= MAX_HEAD) {
                    throw new IOException("response head longer than " + MAX_HEAD + " bytes");
                }
                buffer = Arrays.copyOf(buffer, buffer.length * 2);
            }
            int n = in.read(buffer, filled, buffer.length - filled);
            if (n < 0) {
                throw new IOException("connection closed before the response head was complete");
            }
            int searchFrom = Math.max(0, filled - 3);
            filled += n;
            int end = endOfHead(buffer, searchFrom, filled);
            if (end >= 0) {
                return parse(buffer, end, filled);
            }
        }
    }

    private static int endOfHead(byte[] b, int from, int to) {
        for (int i = from; i + 3 < to; i++) {
            if (b[i] == '\r' && b[i + 1] == '\n' && b[i + 2] == '\r' && b[i + 3] == '\n') {
                return i + 4;
            }
        }
        return -1;
    }

    static ResponseHead parse(byte[] buffer, int headEnd, int filled) {
        String head = new String(buffer, 0, headEnd, StandardCharsets.ISO_8859_1);
        String[] lines = head.split("\r\n");
        String[] statusLine = lines[0].split(" ", 3);
        if (statusLine.length < 2 || !statusLine[0].startsWith("HTTP/")) {
            throw new IllegalStateException("not an HTTP response: " + lines[0]);
        }
        boolean chunked = false;
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i].toLowerCase(Locale.ROOT);
            chunked |= line.startsWith("transfer-encoding:") && line.contains("chunked");
        }
        return new ResponseHead(Integer.parseInt(statusLine[1]), chunked, headEnd,
                Arrays.copyOfRange(buffer, headEnd, filled));
    }
}
