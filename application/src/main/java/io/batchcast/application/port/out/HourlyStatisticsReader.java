package io.batchcast.application.port.out;

import io.batchcast.domain.HourlyStatistics;
import java.time.Instant;
import java.util.List;

/** Reads the statistics the batch recordings counted. */
@FunctionalInterface
public interface HourlyStatisticsReader {

    /** The strategy's hours starting in {@code [fromHour, toHour)} (both whole UTC hours) that had batches, ascending. */
    List<HourlyStatistics> hourly(long strategyId, Instant fromHour, Instant toHour);
}
