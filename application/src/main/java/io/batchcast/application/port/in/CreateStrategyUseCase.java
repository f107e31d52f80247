package io.batchcast.application.port.in;

import io.batchcast.domain.Strategy;

@FunctionalInterface
public interface CreateStrategyUseCase {

    /** @throws BatchValidationException when the name is empty or longer than 100 characters */
    Strategy create(String userId, String name);
}
