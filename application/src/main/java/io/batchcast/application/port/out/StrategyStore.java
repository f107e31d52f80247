package io.batchcast.application.port.out;

import io.batchcast.domain.Strategy;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

public interface StrategyStore {

    /** Stores a new strategy owned by {@code userId} and returns it with its assigned id. */
    Strategy create(String userId, String name, Instant createdAt);

    Optional<Strategy> find(long strategyId);

    /** The user's strategies with id above {@code afterId}, ordered by id, at most {@code limit}. */
    List<Strategy> listByUser(String userId, long afterId, int limit);
}
