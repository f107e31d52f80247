package io.batchcast.application.port.out;

import java.util.Set;

/**
 * Thrown by {@link BatchRecorder#record} when another batch of the same strategy stored an order with one of this
 * batch's client order ids after this batch checked them (two batches using one id at the same moment). Nothing of
 * this batch was written.
 */
public final class ClientOrderIdsTakenException extends RuntimeException {

    private final Set<String> clientOrderIds;

    public ClientOrderIdsTakenException(Set<String> clientOrderIds, Throwable cause) {
        super("client order ids already stored for this strategy: " + clientOrderIds.stream().sorted().toList(), cause);
        if (clientOrderIds.isEmpty()) {
            throw new IllegalArgumentException("clientOrderIds must not be empty");
        }
        this.clientOrderIds = Set.copyOf(clientOrderIds);
    }

    public Set<String> clientOrderIds() {
        return clientOrderIds;
    }
}
