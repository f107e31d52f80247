package io.batchcast.application.port.out;

/**
 * What the event log holds of one stream: its database epoch, the sequence of its latest event ({@code headSeq}, 0
 * when none was ever appended) and of its oldest retained one ({@code headSeq + 1} when none is retained).
 */
public record StreamWindow(String epoch, long oldestSeq, long headSeq) {
}
