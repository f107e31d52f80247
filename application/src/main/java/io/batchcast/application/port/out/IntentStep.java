package io.batchcast.application.port.out;

import io.batchcast.domain.NewOrder;
import io.batchcast.domain.OperationResult;
import io.batchcast.domain.Order;
import io.batchcast.domain.OrderStatus;
import java.util.Objects;

/** One operation of a batch's intent: what the gateway will ask the venue, or what was decided without asking. */
public sealed interface IntentStep {

    int index();

    /** Place {@code order} under {@code venueClientOrderId}. */
    record Place(int index, String venueClientOrderId, NewOrder order) implements IntentStep {
        public Place {
            Objects.requireNonNull(venueClientOrderId, "venueClientOrderId");
            Objects.requireNonNull(order, "order");
        }
    }

    /** Cancel the open {@code order} (as stored before the batch) under {@code venueClientOrderId}. */
    record Cancel(int index, String venueClientOrderId, Order order) implements IntentStep {
        public Cancel {
            Objects.requireNonNull(venueClientOrderId, "venueClientOrderId");
            Objects.requireNonNull(order, "order");
            if (order.status() != OrderStatus.OPEN) {
                throw new IllegalArgumentException("only an open order is cancelled at the venue, "
                        + order.orderId() + " is " + order.status());
            }
        }
    }

    /** Settled before any venue call (an unknown order, a used client order id): never sent. */
    record Decided(OperationResult result) implements IntentStep {
        public Decided {
            Objects.requireNonNull(result, "result");
        }

        @Override
        public int index() {
            return result.index();
        }
    }
}
