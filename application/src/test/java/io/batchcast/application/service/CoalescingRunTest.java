package io.batchcast.application.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.batchcast.domain.EventId;
import io.batchcast.domain.HourlyStatistics;
import io.batchcast.domain.OrderBatchEvent;
import io.batchcast.domain.OrderHourlySummary;
import io.batchcast.domain.OrderType;
import io.batchcast.domain.OrderTypeSummary;
import io.batchcast.domain.StoredEvent;

import java.time.Duration;
import java.time.Instant;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The merge of a subscriber's runs, with a clock and a timer the test moves by hand: no timing involved. */
class CoalescingRunTest {

    private static final Instant T0 = Instant.parse("2026-12-02T01:00:00Z");
    private static final int WINDOW = 100;

    private final MovableClock clock = new MovableClock(T0);
    private final ManualTimer timer = new ManualTimer();
    private final List<CoalescingRun.Released> out = new ArrayList<>();
    private final CoalescingRun run = new CoalescingRun(WINDOW, clock, timer, out::add);

    @Test
    void batchesWithinTheWindowGoOutAsOneWhenItClosesSummedPerTypeInTypeOrder() {
        run.offer(batch(7, 5, List.of(new OrderTypeSummary(OrderType.MARKET, 1, 0))));
        clock.advance(Duration.ofMillis(40));
        run.offer(batch(7, 6, List.of(new OrderTypeSummary(OrderType.LIMIT, 5, 3),
                new OrderTypeSummary(OrderType.MARKET, 0, 2))));
        clock.advance(Duration.ofMillis(59));
        StoredEvent last = batch(7, 7, List.of(new OrderTypeSummary(OrderType.STOP_LIMIT, 2, 0)));
        run.offer(last);
        assertEquals(List.of(), out, "nothing before the window closes");
        assertEquals(List.of((long) WINDOW), timer.delays, "one timer, for the first pending event's window");

        timer.fire();

        assertEquals(1, out.size());
        CoalescingRun.Released merged = out.getFirst();
        assertEquals(3, merged.batchCount());
        assertEquals(new EventId("e1", 7), merged.event().id(), "the last merged event's id");
        assertEquals(7 * 10, merged.event().userSeq(), "and its place in the user's sequence");
        OrderBatchEvent event = merged.event().batchEvent().orElseThrow();
        assertEquals(List.of(new OrderTypeSummary(OrderType.LIMIT, 5, 3),
                new OrderTypeSummary(OrderType.STOP_LIMIT, 2, 0), new OrderTypeSummary(OrderType.MARKET, 1, 2)),
                event.summaries(), "STOP_MARKET had nothing in any batch: dropped");
        assertEquals("batch-7", event.batchId());
        assertEquals(T0.plusMillis(7), event.timestamp(), "the last batch's timestamp");
        assertEquals(T0.plusMillis(5), merged.firstTimestamp());
    }

    @Test
    void aLoneEventInItsWindowGoesOutAsStored() {
        StoredEvent only = batch(7, 1, List.of(new OrderTypeSummary(OrderType.LIMIT, 1, 0)));
        run.offer(only);
        timer.fire();

        assertEquals(List.of(new CoalescingRun.Released(only, 1, only.event().timestamp())), out);
    }

    @Test
    void anEventAfterTheWindowStartsANewRunEvenBeforeTheTimerRan() {
        run.offer(batch(7, 1, List.of(new OrderTypeSummary(OrderType.LIMIT, 1, 0))));
        run.offer(batch(7, 2, List.of(new OrderTypeSummary(OrderType.LIMIT, 1, 0))));
        clock.advance(Duration.ofMillis(WINDOW));
        run.offer(batch(7, 3, List.of(new OrderTypeSummary(OrderType.LIMIT, 1, 0))));

        assertEquals(List.of(2), counts());
        assertEquals(1, timer.cancelled, "the closed run's timer is cancelled");
        timer.fire();
        assertEquals(List.of(2, 1), counts());
        assertEquals(new EventId("e1", 3), out.getLast().event().id());
    }

    @Test
    void aPeriodSummaryEndsTheRunAndIsNeverMerged() {
        run.offer(batch(7, 1, List.of(new OrderTypeSummary(OrderType.LIMIT, 1, 0))));
        run.offer(batch(7, 2, List.of(new OrderTypeSummary(OrderType.LIMIT, 2, 0))));
        StoredEvent summary = new StoredEvent(new EventId("e1", 3), new OrderHourlySummary(7, "u1",
                new HourlyStatistics(T0, 2, List.of()), T0), 30);
        run.offer(summary);
        run.offer(batch(7, 4, List.of(new OrderTypeSummary(OrderType.LIMIT, 4, 0))));
        timer.fire();

        assertEquals(List.of(2, 1, 1), counts());
        assertEquals(summary, out.get(1).event());
        assertEquals(List.of(new OrderTypeSummary(OrderType.LIMIT, 3, 0)),
                out.getFirst().event().batchEvent().orElseThrow().summaries());
        assertEquals(new EventId("e1", 4), out.getLast().event().id());
    }

    @Test
    void anotherStrategysEventEndsTheRunSoCursorsStayExact() {
        run.offer(batch(7, 1, List.of(new OrderTypeSummary(OrderType.LIMIT, 1, 0))));
        run.offer(batch(7, 2, List.of(new OrderTypeSummary(OrderType.LIMIT, 1, 0))));
        run.offer(batch(9, 3, List.of(new OrderTypeSummary(OrderType.MARKET, 1, 0))));
        run.offer(batch(7, 4, List.of(new OrderTypeSummary(OrderType.LIMIT, 1, 0))));
        run.flush();

        assertEquals(List.of(2, 1, 1), counts());
        assertEquals(List.of(7L, 9L, 7L), out.stream().map(r -> r.event().strategyId()).toList());
    }

    @Test
    void aStaleTimerOfAnEarlierRunDoesNotCutTheNextRunShort() {
        run.offer(batch(7, 1, List.of(new OrderTypeSummary(OrderType.LIMIT, 1, 0))));
        run.flush();
        run.offer(batch(7, 2, List.of(new OrderTypeSummary(OrderType.LIMIT, 1, 0))));
        run.offer(batch(7, 3, List.of(new OrderTypeSummary(OrderType.LIMIT, 1, 0))));

        timer.tasks.getFirst().run(); // the first run's timer, already cancelled, runs anyway
        assertEquals(List.of(1), counts());
        timer.fire();
        assertEquals(List.of(1, 2), counts());
    }

    @Test
    void stoppingDropsThePendingRun() {
        run.offer(batch(7, 1, List.of(new OrderTypeSummary(OrderType.LIMIT, 1, 0))));
        run.stop();
        timer.fire();
        run.flush();

        assertEquals(List.of(), out);
    }

    private List<Integer> counts() {
        return out.stream().map(CoalescingRun.Released::batchCount).toList();
    }

    /** Event {@code id} of strategy {@code strategy}, at T0 + id ms, at user position id × 10. */
    private StoredEvent batch(long strategy, long id, List<OrderTypeSummary> summaries) {
        return new StoredEvent(new EventId("e1", id),
                new OrderBatchEvent(summaries, strategy, "u1", "batch-" + id, T0.plusMillis(id)), id * 10);
    }

    /** Remembers each task; {@link #fire()} runs the latest one, as the window closing would. */
    private static final class ManualTimer implements CoalescingRun.Timer {
        final List<Long> delays = new ArrayList<>();
        final List<Runnable> tasks = new ArrayList<>();
        int cancelled;

        @Override
        public Runnable after(long millis, Runnable task) {
            delays.add(millis);
            tasks.add(task);
            return () -> cancelled++;
        }

        void fire() {
            tasks.getLast().run();
        }
    }
}
