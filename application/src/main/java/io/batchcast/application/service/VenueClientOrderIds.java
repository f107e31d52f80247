package io.batchcast.application.service;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.UUID;

/**
 * The client order ids the gateway sends to the venue: derived from the batch id and the operation's index, so
 * that an operation has the same id however often it is attempted, and a venue that dedupes on them refuses a
 * double. At most 22 + 1 + 4 + 1 characters (Binance allows 36 of {@code [.A-Za-z0-9:/_-]}, FIX any string).
 */
final class VenueClientOrderIds {

    private static final Base64.Encoder URL_SAFE = Base64.getUrlEncoder().withoutPadding();

    private VenueClientOrderIds() {
    }

    /** The id of operation {@code index} of the batch: its place or cancel request. */
    static String of(String batchId, int index) {
        return compact(batchId) + "-" + index;
    }

    /** The id of the cancel that withdraws the order operation {@code index} placed (see OperationExecutor). */
    static String withdrawalOf(String batchId, int index) {
        return of(batchId, index) + "w";
    }

    /** A UUID batch id in 22 URL-safe characters; any other id as it is. */
    private static String compact(String batchId) {
        UUID uuid;
        try {
            uuid = UUID.fromString(batchId);
        } catch (IllegalArgumentException notUuid) {
            return batchId;
        }
        ByteBuffer bytes = ByteBuffer.allocate(16);
        bytes.putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
        return URL_SAFE.encodeToString(bytes.array());
    }
}
