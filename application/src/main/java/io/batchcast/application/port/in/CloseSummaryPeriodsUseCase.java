package io.batchcast.application.port.in;

/**
 * Closes the statistics periods that have ended: each strategy that recorded batches in one gets its summary event
 * once, whichever instance closes it first.
 */
@FunctionalInterface
public interface CloseSummaryPeriodsUseCase {

    /** @return how many summaries this call appended */
    int closeDue();
}
