package io.batchcast.application.port.out;

import io.batchcast.domain.NewOrder;
import java.util.Optional;

/**
 * The exchange (the venue). Calls may block (network latency) and are made from virtual threads, many at once;
 * implementations must be thread-safe. Throwing from {@link #place} or {@link #cancel} means the outcome is not known
 * (the venue could not be reached, or stopped answering): the gateway then asks {@link #lookup} what became of it.
 *
 * <p>Every request carries a {@code venueClientOrderId} that the gateway derives from its batch and the operation's
 * index, so that it is the same however often the operation is attempted. A venue must refuse a second order with
 * an id it already holds (as real venues do for open orders), and must answer {@link #lookup} by it.
 */
public interface OrderExecutionPort {

    /** Places an order for the strategy; the accepted report carries the exchange's order id. */
    ExecutionReport place(long strategyId, String venueClientOrderId, NewOrder order);

    /** Cancels the exchange order {@code orderId} of the strategy; {@code venueClientOrderId} names this request. */
    ExecutionReport cancel(long strategyId, String venueClientOrderId, String orderId);

    /**
     * What the venue did with the request it received under {@code venueClientOrderId}: for a place, the order it
     * created and that order's current status; for a cancel, the order it cancelled (status CANCELLED). Empty when
     * the venue never acted on such a request (it never arrived, or it was refused). Throws when the venue cannot be
     * asked right now.
     */
    Optional<VenueOrder> lookup(long strategyId, String venueClientOrderId);
}
