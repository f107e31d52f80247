package io.batchcast.benchmark.sse;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * The event-stream format of the WHATWG HTML standard (lines ending in LF, CRLF or CR; {@code field: value}; a blank
 * line dispatches the frame), parsed incrementally from body bytes. Several {@code data:} lines are joined with LF.
 */
public final class SseFrameParser {

    private final Consumer<SseFrame> frames;
    private byte[] line = new byte[256];
    private int lineLength;
    private boolean lastWasCr;
    private int frameBytes;
    private String id;
    private String event;
    private StringBuilder data;
    private String comment;
    private Long retry;

    public SseFrameParser(Consumer<SseFrame> frames) {
        this.frames = frames;
    }

    public void feed(byte[] bytes, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            byte b = bytes[i];
            frameBytes++;
            if (b == '\n' && lastWasCr) {
                lastWasCr = false;
                continue;
            }
            lastWasCr = b == '\r';
            if (b == '\n' || b == '\r') {
                endOfLine();
            } else {
                append(b);
            }
        }
    }

    private void append(byte b) {
        if (lineLength == line.length) {
            line = Arrays.copyOf(line, line.length * 2);
        }
        line[lineLength++] = b;
    }

    private void endOfLine() {
        if (lineLength == 0) {
            dispatch();
            return;
        }
        int colon = indexOfColon();
        String field = colon < 0 ? ascii(0, lineLength) : ascii(0, colon);
        String value = colon < 0 ? "" : value(colon + 1);
        lineLength = 0;
        switch (field) {
            case "" -> comment = value;
            case "id" -> id = value;
            case "event" -> event = value;
            case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
            case "retry" -> retry = parseRetry(value);
            default -> { } // unknown fields are ignored, as a browser does
        }
    }

    private void dispatch() {
        if (id != null || event != null || data != null || comment != null || retry != null) {
            frames.accept(new SseFrame(id, event, data == null ? null : data.toString(), comment, retry, frameBytes));
        }
        frameBytes = 0;
        id = null;
        event = null;
        data = null;
        comment = null;
        retry = null;
    }

    private int indexOfColon() {
        for (int i = 0; i < lineLength; i++) {
            if (line[i] == ':') {
                return i;
            }
        }
        return -1;
    }

    private String value(int from) {
        int start = from < lineLength && line[from] == ' ' ? from + 1 : from;
        return new String(line, start, lineLength - start, StandardCharsets.UTF_8);
    }

    private String ascii(int from, int to) {
        return new String(line, from, to - from, StandardCharsets.US_ASCII);
    }

    private static Long parseRetry(String value) {
        return value.chars().allMatch(Character::isDigit) && !value.isEmpty() ? Long.valueOf(value) : null;
    }
}
