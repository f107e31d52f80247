package io.batchcast.adapter.exchange.fix;

/**
 * The FIX venue could not be asked, or did not answer in time. Thrown from place and cancel it means, per the port,
 * that the outcome is unknown: the gateway reconciles through {@link FixExchange#lookup}.
 */
public final class FixVenueException extends RuntimeException {

    public FixVenueException(String message) {
        super(message);
    }
}
