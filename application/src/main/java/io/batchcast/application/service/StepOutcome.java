package io.batchcast.application.service;

import io.batchcast.application.port.out.IntentStep;
import io.batchcast.domain.OperationResult;
import io.batchcast.domain.Order;

/** What became of one step of a batch: known (with the order as it now is, if it changed), or not known yet. */
sealed interface StepOutcome {

    IntentStep step();

    /** Settled: the operation's result, and the order it created or changed ({@code null} when none). */
    record Known(IntentStep step, OperationResult result, Order changedOrder) implements StepOutcome {
    }

    /** The venue was asked but did not answer: the request may have taken effect. Only the venue can say. */
    record Unknown(IntentStep step, String why) implements StepOutcome {
    }
}
