package io.batchcast.domain;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An event's id within its stream: the database epoch (which changes when the event log is wiped) and a gap-free
 * sequence per stream, starting at 1. On the wire it is {@code <epoch>-<seq>}, short ASCII.
 */
public record EventId(String epoch, long seq) {

    private static final Pattern EPOCH = Pattern.compile("[a-z0-9]{1,16}");
    private static final Pattern WIRE = Pattern.compile("([a-z0-9]{1,16})-([1-9][0-9]{0,17})");

    public EventId {
        Objects.requireNonNull(epoch, "epoch");
        if (!EPOCH.matcher(epoch).matches()) {
            throw new IllegalArgumentException("epoch must be 1-16 of [a-z0-9], was '" + epoch + "'");
        }
        if (seq < 1) {
            throw new IllegalArgumentException("seq must be >= 1, was " + seq);
        }
    }

    /** Parses a client-supplied cursor; anything malformed is treated as no cursor at all. */
    public static Optional<EventId> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        var matcher = WIRE.matcher(text);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        return Optional.of(new EventId(matcher.group(1), Long.parseLong(matcher.group(2))));
    }

    @Override
    public String toString() {
        return epoch + "-" + seq;
    }
}
