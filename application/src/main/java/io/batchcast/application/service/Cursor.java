package io.batchcast.application.service;

import io.batchcast.application.port.in.OpenEventStream;
import io.batchcast.domain.EventId;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where a subscriber starts. A strategy's cursor is its event id ({@code <epoch>-<seq>}); a subscription over the
 * caller's strategies has the caller's sequence ({@code <epoch>-u<userSeq>}, at most 37 ASCII bytes). Either stream
 * takes {@code earliest}: every retained event.
 */
sealed interface Cursor {

    String EARLIEST = OpenEventStream.EARLIEST;

    /** No cursor (absent, empty or malformed): live only. */
    record Live() implements Cursor {
    }

    record Earliest() implements Cursor {
    }

    record After(EventId id) implements Cursor {
    }

    Pattern USER = Pattern.compile("([a-z0-9]{1,16})-u([1-9][0-9]{0,17})");

    static Cursor ofStrategy(String text) {
        if (EARLIEST.equals(text)) {
            return new Earliest();
        }
        Optional<EventId> id = EventId.parse(text);
        return id.<Cursor>map(After::new).orElseGet(Live::new);
    }

    static Cursor ofUser(String text) {
        if (EARLIEST.equals(text)) {
            return new Earliest();
        }
        var matcher = text == null ? null : USER.matcher(text);
        if (matcher == null || !matcher.matches()) {
            return new Live();
        }
        return new After(new EventId(matcher.group(1), Long.parseLong(matcher.group(2))));
    }

    /** The wire form of a position in a user's sequence. */
    static String userText(EventId position) {
        return position.epoch() + "-u" + position.seq();
    }
}
