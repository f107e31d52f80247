package io.batchcast.application.service;

import io.batchcast.application.port.in.BatchValidationException;
import io.batchcast.application.port.in.CreateStrategyUseCase;
import io.batchcast.application.port.in.FieldViolation;
import io.batchcast.application.port.in.ListStrategiesUseCase;
import io.batchcast.application.port.out.StrategyStore;
import io.batchcast.domain.Strategy;
import java.time.Clock;
import java.util.List;

/** Creating and listing a user's strategies; a user only ever sees its own. */
public final class ManagingStrategies implements CreateStrategyUseCase, ListStrategiesUseCase {

    public static final int MAX_NAME_LENGTH = 100;
    public static final int MAX_PAGE_SIZE = 1_000;

    private final StrategyStore strategies;
    private final Clock clock;

    public ManagingStrategies(StrategyStore strategies, Clock clock) {
        this.strategies = strategies;
        this.clock = clock;
    }

    @Override
    public Strategy create(String userId, String name) {
        String trimmed = name == null ? "" : name.strip();
        if (trimmed.isEmpty() || trimmed.length() > MAX_NAME_LENGTH) {
            throw new BatchValidationException(List.of(new FieldViolation("name",
                    "must be 1 to " + MAX_NAME_LENGTH + " characters after trimming, had " + trimmed.length())));
        }
        TextRules.problem(trimmed).ifPresent(problem -> {
            throw new BatchValidationException(List.of(new FieldViolation("name", problem)));
        });
        return strategies.create(userId, trimmed, clock.instant());
    }

    @Override
    public List<Strategy> list(String userId, long afterId, int limit) {
        if (limit < 1 || limit > MAX_PAGE_SIZE) {
            throw new BatchValidationException(List.of(new FieldViolation("page_size",
                    "must be between 1 and " + MAX_PAGE_SIZE + ", was " + limit)));
        }
        return strategies.listByUser(userId, Math.max(0, afterId), limit);
    }
}
