package io.batchcast.application.service;

import io.batchcast.application.port.in.GetHourlyStatisticsUseCase;
import io.batchcast.application.port.in.HourlyStatisticsQuery;
import io.batchcast.application.port.in.StrategyNotFoundException;
import io.batchcast.application.port.out.HourlyStatisticsReader;
import io.batchcast.application.port.out.StrategyStore;
import io.batchcast.domain.HourlyStatistics;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** The caller's strategy's hours whose start lies in the query's range. */
public final class ReadingHourlyStatistics implements GetHourlyStatisticsUseCase {

    private final StrategyStore strategies;
    private final HourlyStatisticsReader statistics;

    public ReadingHourlyStatistics(StrategyStore strategies, HourlyStatisticsReader statistics) {
        this.strategies = strategies;
        this.statistics = statistics;
    }

    @Override
    public List<HourlyStatistics> hourlyStatistics(String userId, HourlyStatisticsQuery query) {
        strategies.find(query.strategyId())
                .filter(s -> s.userId().equals(userId))
                .orElseThrow(() -> new StrategyNotFoundException(query.strategyId()));
        // an hour h belongs to [from, to) when from <= h < to, i.e. ceil(from) <= h < ceil(to)
        return statistics.hourly(query.strategyId(), ceilToHour(query.from()), ceilToHour(query.to()));
    }

    static Instant ceilToHour(Instant instant) {
        Instant floor = instant.truncatedTo(ChronoUnit.HOURS);
        return floor.equals(instant) ? floor : floor.plus(1, ChronoUnit.HOURS);
    }
}
