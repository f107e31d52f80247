package io.batchcast.application.port.in;

import io.batchcast.domain.Strategy;
import java.util.List;

@FunctionalInterface
public interface ListStrategiesUseCase {

    /** The user's strategies with an id above {@code afterId}, ordered by id, at most {@code limit} (1..1000). */
    List<Strategy> list(String userId, long afterId, int limit);
}
