package io.batchcast.archfixtures.cycles.application.service;

import io.batchcast.archfixtures.cycles.application.port.in.SubmitBatchCommand;
import io.batchcast.archfixtures.cycles.domain.Quantity;

/** Valid: a service depending downwards only. */
public class SubmittingBatches {

    Quantity submit(SubmitBatchCommand command) {
        return new Quantity(1);
    }
}
