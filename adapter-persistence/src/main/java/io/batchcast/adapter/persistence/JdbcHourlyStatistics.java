package io.batchcast.adapter.persistence;

import io.batchcast.application.port.out.HourlyStatisticsReader;
import io.batchcast.domain.HourlyStatistics;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** A strategy's hours, summed from its buckets (an hour each, or shorter summary periods). */
final class JdbcHourlyStatistics implements HourlyStatisticsReader {

    private final Transactions transactions;

    JdbcHourlyStatistics(Transactions transactions) {
        this.transactions = transactions;
    }

    @Override
    public List<HourlyStatistics> hourly(long strategyId, Instant fromHour, Instant toHour) {
        return transactions.autoCommit("reading hourly statistics", connection -> StatisticsQueries.read(
                connection, strategyId, fromHour, toHour, bucket -> bucket.truncatedTo(ChronoUnit.HOURS)));
    }
}
