package io.batchcast.adapter.persistence;

import static io.batchcast.adapter.persistence.TradingFixtures.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.batchcast.application.port.in.BatchReceipt;
import io.batchcast.application.port.in.HourlyStatisticsQuery;
import io.batchcast.application.port.in.OperationRequest;
import io.batchcast.application.port.in.SubmitOrderBatchCommand;
import io.batchcast.application.service.BatchLimits;
import io.batchcast.application.service.EventFeed;
import io.batchcast.application.service.ReadingHourlyStatistics;
import io.batchcast.application.service.SubmittingOrderBatches;
import io.batchcast.domain.HourlyStatistics;
import io.batchcast.domain.OrderType;
import io.batchcast.domain.OrderTypeStatistics;
import io.batchcast.domain.OrderTypeSummary;
import io.batchcast.domain.Side;
import io.batchcast.domain.StoredEvent;
import io.batchcast.domain.Strategy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Statistics are written by the batches' own transactions: they equal the sum of the recorded batches, a retried
 * request id counts once, and they add no commit. Through the real application service, on both databases.
 */
class HourlyStatisticsTest {

    private static final Databases DATABASES = new Databases();
    private static final Instant TEN_FIFTEEN = Instant.parse("2026-12-01T10:15:00Z");
    private static final Instant ELEVEN_O_FIVE = Instant.parse("2026-12-01T11:05:00Z");

    @AfterAll
    static void dropDatabases() {
        DATABASES.close();
    }

    private record Desk(Persistence persistence, SubmittingOrderBatches submit, ReadingHourlyStatistics statistics,
            ScriptedExchange exchange, SettableClock clock) {
    }

    private static Desk desk(Engine engine) {
        Persistence persistence = DATABASES.persistence(engine);
        SettableClock clock = new SettableClock(TEN_FIFTEEN);
        ScriptedExchange exchange = new ScriptedExchange();
        EventFeed feed = new EventFeed(persistence.strategyStore(), persistence.eventLog(), 1_000);
        var submit = new SubmittingOrderBatches(persistence.strategyStore(), persistence.orderStore(),
                persistence.batchIntents(), persistence.batchRecorder(), exchange, feed, clock, BatchLimits.defaults());
        return new Desk(persistence, submit,
                new ReadingHourlyStatistics(persistence.strategyStore(), persistence.hourlyStatistics()), exchange,
                clock);
    }

    private static OperationRequest create(OrderType type, String clientOrderId) {
        return create(type, clientOrderId, "BTC-USD");
    }

    private static OperationRequest create(OrderType type, String clientOrderId, String symbol) {
        return new OperationRequest.Create(clientOrderId, symbol, Side.BUY, type, "1.5",
                type.takesPrice() ? "64000.5" : "", type.takesStopPrice() ? "63000" : "");
    }

    private static OperationRequest cancel(String clientOrderId) {
        return new OperationRequest.Cancel("", clientOrderId);
    }

    private static BatchReceipt submit(Desk desk, Strategy strategy, String requestId, OperationRequest... operations) {
        return desk.submit().submit(new SubmitOrderBatchCommand(strategy.userId(), strategy.id(), requestId,
                List.of(operations)));
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void statisticsAreTheSumOfTheHoursBatchesWithRejectionsByTypeAndRetriesCountedOnce(Engine engine) {
        Desk desk = desk(engine);
        Strategy strategy = desk.persistence().strategyStore().create(unique("alice"), "Grid BTC", TEN_FIFTEEN);
        List<BatchReceipt> receipts = new ArrayList<>();

        // 10:15 — three LIMIT and one STOP_MARKET created, a MARKET create refused by the exchange
        receipts.add(submit(desk, strategy, "", create(OrderType.LIMIT, "l1"), create(OrderType.LIMIT, "l2"),
                create(OrderType.LIMIT, "l3"), create(OrderType.STOP_MARKET, "sm1"),
                create(OrderType.MARKET, "m1", ScriptedExchange.REFUSED_SYMBOL)));
        String stopMarketOrder = receipts.getFirst().results().get(3).orderId();
        desk.exchange().refuseCancels.add(stopMarketOrder);
        // a LIMIT cancelled, a cancel of an unknown order (no type), a refused cancel of the STOP_MARKET order
        BatchReceipt cancels = submit(desk, strategy, "req-cancels", cancel("l1"), cancel("nobody-knows"),
                cancel("sm1"));
        receipts.add(cancels);
        // the retry returns the stored receipt and counts nothing
        assertEquals(cancels, submit(desk, strategy, "req-cancels", cancel("l1"), cancel("nobody-knows"),
                cancel("sm1")));
        // an all-rejected batch counts as a batch, in no type
        receipts.add(submit(desk, strategy, "", cancel("ghost-1"), cancel("ghost-2")));

        desk.clock().set(ELEVEN_O_FIVE);
        receipts.add(submit(desk, strategy, "", create(OrderType.STOP_LIMIT, "sl1"), create(OrderType.STOP_LIMIT, "sl2"),
                create(OrderType.LIMIT, "l4", ScriptedExchange.REFUSED_SYMBOL)));

        HourlyStatistics ten = new HourlyStatistics(Instant.parse("2026-12-01T10:00:00Z"), 3, List.of(
                new OrderTypeStatistics(OrderType.LIMIT, 3, 1, 0),
                new OrderTypeStatistics(OrderType.STOP_MARKET, 1, 0, 1),
                new OrderTypeStatistics(OrderType.MARKET, 0, 0, 1)));
        HourlyStatistics eleven = new HourlyStatistics(Instant.parse("2026-12-01T11:00:00Z"), 1, List.of(
                new OrderTypeStatistics(OrderType.LIMIT, 0, 0, 1),
                new OrderTypeStatistics(OrderType.STOP_LIMIT, 2, 0, 0)));
        assertEquals(List.of(ten, eleven), hours(desk, strategy, "2026-12-01T10:00:00Z", "2026-12-01T12:00:00Z"));
        // an hour belongs to [from, to) when its start does
        assertEquals(List.of(eleven), hours(desk, strategy, "2026-12-01T10:00:00.001Z", "2026-12-01T12:00:00Z"));
        assertEquals(List.of(ten), hours(desk, strategy, "2026-12-01T09:30:00Z", "2026-12-01T11:00:00Z"));
        assertEquals(List.of(), hours(desk, strategy, "2026-12-01T11:00:01Z", "2026-12-01T12:00:00Z"));

        // created and cancelled per type are the sum of the events the batches emitted
        Map<OrderType, int[]> fromEvents = new EnumMap<>(OrderType.class);
        for (StoredEvent event : desk.persistence().eventLog().eventsAfter(strategy.id(), 0, 100)) {
            for (OrderTypeSummary s : event.batchEvent().orElseThrow().summaries()) {
                int[] sum = fromEvents.computeIfAbsent(s.orderType(), t -> new int[2]);
                sum[0] += s.created();
                sum[1] += s.cancelled();
            }
        }
        Map<OrderType, int[]> fromStatistics = new EnumMap<>(OrderType.class);
        for (HourlyStatistics hour : List.of(ten, eleven)) {
            for (OrderTypeStatistics s : hour.orderTypes()) {
                if (s.created() + s.cancelled() > 0) {
                    int[] sum = fromStatistics.computeIfAbsent(s.orderType(), t -> new int[2]);
                    sum[0] += s.created();
                    sum[1] += s.cancelled();
                }
            }
        }
        assertEquals(render(fromEvents), render(fromStatistics));
        assertEquals(receipts.size(), ten.batches() + eleven.batches());
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void concurrentBatchesGroupedIntoOneCommitAreEachCountedOnce(Engine engine) throws Exception {
        Desk desk = desk(engine);
        Strategy first = desk.persistence().strategyStore().create(unique("bob"), "Grid ETH", TEN_FIFTEEN);
        Strategy second = desk.persistence().strategyStore().create(unique("bob"), "Grid SOL", TEN_FIFTEEN);
        int callers = 16;
        CyclicBarrier together = new CyclicBarrier(callers);
        List<Future<BatchReceipt>> submitted = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(callers)) {
            for (int i = 0; i < callers; i++) {
                Strategy strategy = i % 2 == 0 ? first : second;
                int n = i;
                submitted.add(pool.submit(() -> {
                    together.await();
                    return submit(desk, strategy, "", create(OrderType.LIMIT, "c" + n),
                            create(OrderType.MARKET, "m" + n, ScriptedExchange.REFUSED_SYMBOL));
                }));
            }
        }
        for (Future<BatchReceipt> receipt : submitted) {
            receipt.get();
        }
        HourlyStatistics expected = new HourlyStatistics(Instant.parse("2026-12-01T10:00:00Z"), callers / 2, List.of(
                new OrderTypeStatistics(OrderType.LIMIT, callers / 2, 0, 0),
                new OrderTypeStatistics(OrderType.MARKET, 0, 0, callers / 2)));
        assertEquals(List.of(expected), hours(desk, first, "2026-12-01T10:00:00Z", "2026-12-01T11:00:00Z"));
        assertEquals(List.of(expected), hours(desk, second, "2026-12-01T10:00:00Z", "2026-12-01T11:00:00Z"));
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void countingABatchAddsNoCommit(Engine engine) {
        Desk desk = desk(engine);
        Strategy strategy = desk.persistence().strategyStore().create(unique("carol"), "Grid", TEN_FIFTEEN);
        submit(desk, strategy, "", create(OrderType.LIMIT, "warm-up"));
        long before = desk.persistence().commits();

        submit(desk, strategy, "", create(OrderType.LIMIT, "one"), create(OrderType.STOP_LIMIT, "two"));

        // the batch's intent and its recording: the same two commits a batch made before statistics existed
        assertEquals(2, desk.persistence().commits() - before);
        assertEquals(2, hours(desk, strategy, "2026-12-01T10:00:00Z", "2026-12-01T11:00:00Z").getFirst().batches());
    }

    private static List<HourlyStatistics> hours(Desk desk, Strategy strategy, String from, String to) {
        return desk.statistics().hourlyStatistics(strategy.userId(),
                new HourlyStatisticsQuery(strategy.id(), Instant.parse(from), Instant.parse(to)));
    }

    private static String render(Map<OrderType, int[]> sums) {
        StringBuilder text = new StringBuilder();
        sums.forEach((type, sum) -> text.append(type).append(':').append(sum[0]).append('/').append(sum[1]).append(' '));
        return text.toString();
    }
}
