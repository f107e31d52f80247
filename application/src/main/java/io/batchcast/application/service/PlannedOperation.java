package io.batchcast.application.service;

import io.batchcast.domain.CancelTarget;
import io.batchcast.domain.NewOrder;

/** A validated operation with its position in the batch. */
sealed interface PlannedOperation {

    int index();

    record Place(int index, NewOrder order) implements PlannedOperation {
    }

    record Cancel(int index, CancelTarget target) implements PlannedOperation {
    }
}
