package io.batchcast.application.port.in;

import io.batchcast.domain.Strategy;

@FunctionalInterface
public interface CreateStrategyUseCase {

    /**
     * @throws BatchValidationException when the name, trimmed, is empty or longer than 100 characters, or contains a
     *     control character or a lone UTF-16 surrogate
     */
    Strategy create(String userId, String name);
}
