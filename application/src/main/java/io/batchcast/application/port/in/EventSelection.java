package io.batchcast.application.port.in;

import java.util.Set;

/** Which of the caller's events a stream carries. */
public sealed interface EventSelection {

    /** One strategy; its cursor is the strategy's event id. */
    record OneStrategy(long strategyId) implements EventSelection {
    }

    /**
     * The caller's strategies, in commit order across them; its cursor is the caller's sequence. Empty ids: every
     * strategy of the caller, including those created while the stream is open.
     */
    record CallerStrategies(Set<Long> strategyIds) implements EventSelection {
        public CallerStrategies {
            strategyIds = Set.copyOf(strategyIds);
        }
    }
}
