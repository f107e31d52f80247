package io.batchcast.application.port.in;

/** The strategy does not exist or belongs to someone else; the two are deliberately indistinguishable. */
public final class StrategyNotFoundException extends SubmissionFailure {

    private final long strategyId;

    public StrategyNotFoundException(long strategyId) {
        super("strategy " + strategyId + " not found");
        this.strategyId = strategyId;
    }

    public long strategyId() {
        return strategyId;
    }
}
