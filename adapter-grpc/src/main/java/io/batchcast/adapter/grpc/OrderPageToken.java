package io.batchcast.adapter.grpc;

import io.batchcast.application.port.in.OrderCursor;
import io.batchcast.domain.OrderStatus;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The page token of ListOrders: opaque to clients, and bound to the strategy and status filter of the request that
 * produced it, so that a token used with other parameters is refused instead of silently listing something else.
 */
final class OrderPageToken {

    /** Versioned so that the content can change without breaking tokens clients still hold. */
    private static final Pattern TOKEN =
            Pattern.compile("v1:([1-9][0-9]{0,18}):([A-Z]*):(-?[0-9]{1,19}):([0-9]{1,9}):([^\\p{Cntrl}]{1,255})");
    private static final String FIELD = "page_token";

    private OrderPageToken() {
    }

    /** A token meaning "after {@code cursor}" in the listing of {@code strategyId} with {@code status}. */
    static String of(long strategyId, Optional<OrderStatus> status, OrderCursor cursor) {
        return encode("v1:" + strategyId + ":" + status.map(Enum::name).orElse("") + ":"
                + cursor.createdAt().getEpochSecond() + ":" + cursor.createdAt().getNano() + ":" + cursor.orderId());
    }

    /** A page token's text as clients see it (ListOrders' and ListStrategies'): unpadded Base64url of its UTF-8. */
    static String encode(String raw) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor of a token; empty for an empty token (the first page). */
    static Optional<OrderCursor> cursor(String pageToken, long strategyId, Optional<OrderStatus> status) {
        if (pageToken.isEmpty()) {
            return Optional.empty();
        }
        Matcher token = TOKEN.matcher(decode(pageToken));
        if (!token.matches()) {
            throw FailureStatus.invalidArgument(FIELD,
                    "must be a next_page_token returned by ListOrders, or empty for the first page");
        }
        if (!token.group(1).equals(Long.toString(strategyId)) || !token.group(2).equals(
                status.map(Enum::name).orElse(""))) {
            throw FailureStatus.invalidArgument(FIELD, "was returned for another strategy_id or status; list with the"
                    + " same strategy_id and status as the first page, or start again with an empty page_token");
        }
        try {
            Instant createdAt = Instant.ofEpochSecond(Long.parseLong(token.group(3)), Long.parseLong(token.group(4)));
            return Optional.of(new OrderCursor(createdAt, token.group(5)));
        } catch (DateTimeException | NumberFormatException e) {
            throw FailureStatus.invalidArgument(FIELD,
                    "must be a next_page_token returned by ListOrders, or empty for the first page");
        }
    }

    /** The text of a page token; empty when it is not Base64url at all. */
    static String decode(String pageToken) {
        try {
            return new String(Base64.getUrlDecoder().decode(pageToken), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }
}
