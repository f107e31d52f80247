package io.batchcast.benchmark.sse;

/**
 * One Server-Sent Events frame as the client saw it: the fields of the lines up to a blank line. A comment-only frame
 * (a heartbeat such as {@code : keepalive}) has {@code comment} set and no data. {@code bytes} counts the frame's
 * bytes in the event-stream body up to the end of its blank line (with CRLF line ends the blank line's LF is counted
 * with the next frame; the servers measured here end lines with LF).
 */
public record SseFrame(String id, String event, String data, String comment, Long retryMillis, int bytes) {

    public boolean isHeartbeat() {
        return data == null && comment != null && id == null && event == null;
    }

    /**
     * The value of a top-level or nested JSON string member such as {@code "batch_id":"b-1"} found by a plain scan;
     * enough for the harness's own look-ups (the server writes compact JSON) without parsing every frame of
     * thousands of readers into a tree.
     */
    public String jsonString(String member) {
        if (data == null) {
            return null;
        }
        String key = "\"" + member + "\":\"";
        int start = data.indexOf(key);
        if (start < 0) {
            return null;
        }
        start += key.length();
        int end = data.indexOf('"', start);
        return end < 0 ? null : data.substring(start, end);
    }
}
