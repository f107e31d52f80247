package io.batchcast.application.port.in;

import io.batchcast.domain.HourlyStatistics;
import java.util.List;

/** A strategy's hourly statistics over a range of at most {@link HourlyStatisticsQuery#MAX_RANGE}. */
@FunctionalInterface
public interface GetHourlyStatisticsUseCase {

    /**
     * The hours whose start lies in {@code [query.from(), query.to())} and that had at least one batch, oldest first.
     *
     * @throws StrategyNotFoundException when the strategy is unknown or another user's
     */
    List<HourlyStatistics> hourlyStatistics(String userId, HourlyStatisticsQuery query);
}
