package io.batchcast.adapter.sse;

import io.batchcast.application.port.in.OpenEventStream;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

/**
 * What a stream request carries: its access token, the strategy ids, the client's cursor (read leniently) and
 * whether it takes gzip.
 */
final class StreamRequest {

    static final String TOKEN_COOKIE = "batchcast_token";
    static final String TOKEN_QUERY = "access_token";
    static final String CURSOR_QUERY = "last_event_id";
    static final String STRATEGY_QUERY = "strategy";
    static final String COALESCE_QUERY = "coalesce_ms";
    static final HeaderName LAST_EVENT_ID = HeaderNames.create("Last-Event-ID");

    private static final String BEARER = "bearer ";

    private StreamRequest() {
    }

    /**
     * The access token, from the first place that has one: the {@code Authorization: Bearer} header, the
     * {@code batchcast_token} cookie, the {@code access_token} query parameter. The first one present is the one
     * judged; a bad header is not rescued by a good cookie, so what was checked is never ambiguous.
     */
    static Optional<String> accessToken(ServerRequest request) {
        Optional<String> header = request.headers().first(HeaderNames.AUTHORIZATION);
        if (header.isPresent()) {
            String value = header.get();
            boolean bearer = value.length() > BEARER.length()
                    && value.substring(0, BEARER.length()).toLowerCase(Locale.ROOT).equals(BEARER);
            return bearer ? Optional.of(value.substring(BEARER.length()).trim()) : Optional.of("");
        }
        Optional<String> cookie = request.headers().cookies().first(TOKEN_COOKIE).asOptional();
        if (cookie.isPresent()) {
            return cookie;
        }
        return request.query().first(TOKEN_QUERY).asOptional();
    }

    /**
     * Why the request's credentials cannot be judged at all: HTTP lets a header repeat, and a request with two
     * {@code Authorization} headers would otherwise be judged by whichever one a proxy or library puts first.
     */
    static Optional<String> ambiguousCredentials(ServerRequest request) {
        int authorizations = request.headers().find(HeaderNames.AUTHORIZATION)
                .map(header -> header.allValues().size()).orElse(0);
        return authorizations > 1
                ? Optional.of("exactly one Authorization header is required, the request has " + authorizations)
                : Optional.empty();
    }

    /** The strategy id when it is a positive number; anything else is a bad request. */
    static OptionalLong strategyId(String text) {
        return number(text, 1, Long.MAX_VALUE);
    }

    /** {@code text} as a number in {@code [min, max]}, digits only (no sign, no space); otherwise empty. */
    static OptionalLong number(String text, long min, long max) {
        if (text == null || text.isEmpty() || text.length() > 19 || !text.chars().allMatch(Character::isDigit)) {
            return OptionalLong.empty();
        }
        try {
            long number = Long.parseLong(text);
            return number >= min && number <= max ? OptionalLong.of(number) : OptionalLong.empty();
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /**
     * The cursor: the {@code Last-Event-ID} header (what the browser sends on its own reconnects) wins over the
     * {@code last_event_id} query parameter (what a page uses when it opens a new EventSource itself). Passed on as
     * sent; the application treats a malformed one as absent, and it is never written back.
     */
    static String cursor(ServerRequest request) {
        Optional<String> header = request.headers().first(LAST_EVENT_ID).filter(value -> !value.isBlank());
        return header.orElseGet(() -> request.query().first(CURSOR_QUERY).orElse(null));
    }

    /** The {@code strategy=} values of {@code /api/v1/events}: none (every strategy), or the ids named. */
    sealed interface Strategies {
        record Named(Set<Long> ids) implements Strategies {
        }

        record Invalid(String message) implements Strategies {
        }
    }

    /** Repeated values count once; more than {@code max} distinct ones, or one that is not an id, is a bad request. */
    static Strategies strategies(ServerRequest request, int max) {
        List<String> values = request.query().all(STRATEGY_QUERY, List::of);
        Set<Long> ids = new LinkedHashSet<>();
        for (String value : values) {
            OptionalLong id = strategyId(value);
            if (id.isEmpty()) {
                return new Strategies.Invalid("strategy must be a positive integer (1.." + Long.MAX_VALUE + ")");
            }
            ids.add(id.getAsLong());
        }
        if (ids.size() > max) {
            return new Strategies.Invalid("at most " + max + " strategy values per stream"
                    + " (sse.max-strategies-per-stream), the request names " + ids.size());
        }
        return new Strategies.Named(Set.copyOf(ids));
    }

    /**
     * The {@code coalesce_ms} window: absent means 0 (off); one value of 0..10000 digits only; anything else
     * (a sign, a fraction, out of range, given twice) is a bad request.
     */
    static OptionalInt coalesceMs(ServerRequest request) {
        List<String> values = request.query().all(COALESCE_QUERY, List::of);
        if (values.isEmpty()) {
            return OptionalInt.of(0);
        }
        String text = values.getFirst();
        if (values.size() > 1 || text.isEmpty() || text.length() > 5 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return OptionalInt.empty();
        }
        int millis = Integer.parseInt(text);
        return millis <= OpenEventStream.MAX_COALESCE_MS ? OptionalInt.of(millis) : OptionalInt.empty();
    }

    /** Whether {@code Accept-Encoding} lists gzip (or {@code *}) with a non-zero quality. */
    static boolean acceptsGzip(ServerRequest request) {
        String accepted = String.join(",", request.headers().find(HeaderNames.ACCEPT_ENCODING)
                .map(header -> header.allValues()).orElse(List.of()));
        for (String part : accepted.split(",")) {
            String[] pieces = part.trim().split(";");
            String coding = pieces[0].trim().toLowerCase(Locale.ROOT);
            if (coding.equals("gzip") || coding.equals("*")) {
                return !zeroQuality(pieces);
            }
        }
        return false;
    }

    private static boolean zeroQuality(String[] pieces) {
        for (int i = 1; i < pieces.length; i++) {
            String parameter = pieces[i].trim().toLowerCase(Locale.ROOT);
            if (parameter.startsWith("q=")) {
                try {
                    return Double.parseDouble(parameter.substring(2)) == 0;
                } catch (NumberFormatException e) {
                    return true;
                }
            }
        }
        return false;
    }
}
