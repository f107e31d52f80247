package io.batchcast.adapter.persistence;

import static io.batchcast.adapter.persistence.TradingFixtures.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.batchcast.application.port.in.HourlyStatisticsQuery;
import io.batchcast.application.port.in.OperationRequest;
import io.batchcast.application.port.in.SubmitOrderBatchCommand;
import io.batchcast.application.service.BatchLimits;
import io.batchcast.application.service.ClosingSummaryPeriods;
import io.batchcast.application.service.EventFeed;
import io.batchcast.application.service.ReadingHourlyStatistics;
import io.batchcast.application.service.SubmittingOrderBatches;
import io.batchcast.domain.HourlyStatistics;
import io.batchcast.domain.OrderHourlySummary;
import io.batchcast.domain.OrderType;
import io.batchcast.domain.OrderTypeStatistics;
import io.batchcast.domain.Side;
import io.batchcast.domain.StoredEvent;
import io.batchcast.domain.Strategy;
import io.batchcast.domain.SummaryInterval;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The summary of a closed period: one event per strategy and period in the stream's sequence, however many instances
 * close it at once, with that period's counts; periods without batches get none.
 */
class SummaryPeriodsTest {

    private static final SummaryInterval QUARTER_HOURS = new SummaryInterval(Duration.ofMinutes(15));

    /** One instance: its own pool, writer, feed and closer, on the shared database. */
    private static final class Instance implements AutoCloseable {
        final Persistence persistence;
        final SettableClock clock = new SettableClock(Instant.parse("2026-12-01T18:05:00Z"));
        final SubmittingOrderBatches submit;
        final ClosingSummaryPeriods closer;
        final List<StoredEvent> published = new CopyOnWriteArrayList<>();

        Instance(TestDatabase database) {
            persistence = Persistence.open(database.settings().withStatistics(QUARTER_HOURS, Duration.ofDays(90)),
                    clock);
            EventFeed feed = new EventFeed(persistence.strategyStore(), persistence.eventLog(), 1_000);
            submit = new SubmittingOrderBatches(persistence.strategyStore(), persistence.orderStore(),
                    persistence.batchIntents(), persistence.batchRecorder(), new ScriptedExchange(), feed, clock,
                    BatchLimits.defaults());
            closer = new ClosingSummaryPeriods(persistence.summaryPeriods(), published::add, QUARTER_HOURS, clock);
        }

        @Override
        public void close() {
            persistence.close();
        }
    }

    private static void submit(Instance instance, Strategy strategy, OperationRequest... operations) {
        instance.submit.submit(new SubmitOrderBatchCommand(strategy.userId(), strategy.id(), "", List.of(operations)));
    }

    private static OperationRequest limit(String clientOrderId, String symbol) {
        return new OperationRequest.Create(clientOrderId, symbol, Side.BUY, OrderType.LIMIT, "1", "100", "");
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void twoInstancesClosingAtOnceAppendOneSummaryPerStrategyAndPeriod(Engine engine) throws Exception {
        try (TestDatabase database = engine.newDatabase();
                Instance a = new Instance(database);
                Instance b = new Instance(database)) {
            Strategy grid = a.persistence.strategyStore().create(unique("alice"), "Grid", a.clock.instant());
            Strategy idle = a.persistence.strategyStore().create(unique("alice"), "Idle", a.clock.instant());
            // 18:05 (period 18:00) through A, 18:20 (period 18:15) through B; nothing for the idle strategy
            submit(a, grid, limit("a1", "BTC-USD"), limit("a2", ScriptedExchange.REFUSED_SYMBOL));
            submit(a, grid, limit("a3", "BTC-USD"));
            b.clock.set(Instant.parse("2026-12-01T18:20:00Z"));
            submit(b, grid, new OperationRequest.Cancel("", "a1"));

            // 18:30:10: both periods have closed (a quarter period, at most 5 s, after their end)
            Instant closing = Instant.parse("2026-12-01T18:30:10Z");
            a.clock.set(closing);
            b.clock.set(closing);
            int rounds = 4;
            CyclicBarrier together = new CyclicBarrier(2 * rounds);
            List<Future<Integer>> appended = new ArrayList<>();
            try (ExecutorService closers = Executors.newFixedThreadPool(2 * rounds)) {
                for (int i = 0; i < rounds; i++) {
                    for (Instance instance : List.of(a, b)) {
                        appended.add(closers.submit(() -> {
                            together.await();
                            return instance.closer.closeDue();
                        }));
                    }
                }
            }
            int total = 0;
            for (Future<Integer> count : appended) {
                total += count.get();
            }

            assertEquals(2, total);
            assertEquals(2, a.published.size() + b.published.size());
            List<StoredEvent> log = a.persistence.eventLog().eventsAfter(grid.id(), 0, 100);
            assertEquals(List.of(1L, 2L, 3L, 4L, 5L), log.stream().map(e -> e.id().seq()).toList());
            OrderHourlySummary first = (OrderHourlySummary) log.get(3).event();
            OrderHourlySummary second = (OrderHourlySummary) log.get(4).event();
            assertEquals(new OrderHourlySummary(grid.id(), grid.userId(),
                    new HourlyStatistics(Instant.parse("2026-12-01T18:00:00Z"), 2,
                            List.of(new OrderTypeStatistics(OrderType.LIMIT, 2, 0, 1))), closing), first);
            assertEquals(new OrderHourlySummary(grid.id(), grid.userId(),
                    new HourlyStatistics(Instant.parse("2026-12-01T18:15:00Z"), 1,
                            List.of(new OrderTypeStatistics(OrderType.LIMIT, 0, 1, 0))), closing), second);
            assertEquals(0, a.persistence.eventLog().window(idle.id()).headSeq());

            // the hourly view sums the quarter-hour buckets
            assertEquals(List.of(new HourlyStatistics(Instant.parse("2026-12-01T18:00:00Z"), 3,
                            List.of(new OrderTypeStatistics(OrderType.LIMIT, 2, 1, 1)))),
                    new ReadingHourlyStatistics(a.persistence.strategyStore(), a.persistence.hourlyStatistics())
                            .hourlyStatistics(grid.userId(), new HourlyStatisticsQuery(grid.id(),
                                    Instant.parse("2026-12-01T18:00:00Z"), Instant.parse("2026-12-01T19:00:00Z"))));

            // later passes append nothing more
            assertEquals(0, a.closer.closeDue() + b.closer.closeDue());
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void aPeriodIsClosedOnlyAfterItsEndAndTheLag(Engine engine) {
        try (TestDatabase database = engine.newDatabase();
                Instance a = new Instance(database)) {
            Strategy grid = a.persistence.strategyStore().create(unique("bob"), "Grid", a.clock.instant());
            submit(a, grid, limit("b1", "BTC-USD"));

            a.clock.set(Instant.parse("2026-12-01T18:15:04Z"));
            assertEquals(0, a.closer.closeDue());
            a.clock.set(Instant.parse("2026-12-01T18:15:05Z"));
            assertEquals(1, a.closer.closeDue());
            assertEquals(2, a.persistence.eventLog().window(grid.id()).headSeq());
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void statisticsOlderThanTheirMaxAgeArePrunedWithTheirSummaryMarks(Engine engine) {
        try (TestDatabase database = engine.newDatabase();
                Instance a = new Instance(database)) {
            Strategy grid = a.persistence.strategyStore().create(unique("carol"), "Grid", a.clock.instant());
            submit(a, grid, limit("c1", "BTC-USD"));
            a.clock.set(Instant.parse("2026-12-01T18:20:00Z"));
            submit(a, grid, limit("c2", "BTC-USD"));
            a.clock.set(Instant.parse("2026-12-01T18:30:05Z"));
            assertEquals(2, a.closer.closeDue());

            // 90 days after 18:15: the 18:00 quarter is older than the max age, the 18:15 one is not yet
            a.clock.set(Instant.parse("2026-12-01T18:15:00Z").plus(Duration.ofDays(90)));
            assertEquals(1, a.persistence.pruner().pruneNow().statistics());
            assertEquals(1, database.queryLong("SELECT COUNT(*) FROM statistics_batches"));
            assertEquals(1, database.queryLong("SELECT COUNT(*) FROM statistics_order_types"));
            assertEquals(1, database.queryLong("SELECT COUNT(*) FROM summary_periods"));
            assertEquals(0, a.persistence.pruner().pruneNow().statistics());
        }
    }
}
