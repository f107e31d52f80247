package io.batchcast.application.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.batchcast.application.port.in.StrategyNotFoundException;
import io.batchcast.application.port.in.Subscription;
import io.batchcast.application.port.out.RecordedBatch;
import io.batchcast.application.testing.InMemoryStore;
import io.batchcast.domain.EventId;
import io.batchcast.domain.OperationResult;
import io.batchcast.domain.OrderBatchEvent;
import io.batchcast.domain.OrderType;
import io.batchcast.domain.StoredEvent;
import io.batchcast.domain.Strategy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EventFeedTest {

    private final InMemoryStore store = new InMemoryStore();
    private final EventFeed feed = new EventFeed(store, store, 50);
    private Strategy s1;
    private Strategy s2;

    @BeforeEach
    void setUp() {
        s1 = store.create("u1", "one", Instant.EPOCH);
        s2 = store.create("u1", "two", Instant.EPOCH);
    }

    private final java.util.concurrent.atomic.AtomicInteger batches = new java.util.concurrent.atomic.AtomicInteger();

    /** Commits a batch event to the log without publishing it (as another instance would). */
    private StoredEvent commit(Strategy strategy) {
        var results = List.of(OperationResult.created(0, "o", "c", OrderType.LIMIT));
        String batchId = "b" + batches.incrementAndGet();
        var event = OrderBatchEvent.of(results, strategy.stream(), batchId, Instant.EPOCH);
        return store.record(new RecordedBatch(batchId, strategy.stream(), "", "h", List.of(), results, event,
                Instant.EPOCH)).orElseThrow();
    }

    private StoredEvent commitAndPublish(Strategy strategy) {
        StoredEvent stored = commit(strategy);
        feed.publish(stored);
        return stored;
    }

    @Test
    void liveEventsReachOnlyTheSubscribersOfTheirStream() {
        RecordingListener one = new RecordingListener();
        RecordingListener two = new RecordingListener();
        feed.subscribe("u1", s1.id(), null, one);
        feed.subscribe("u1", s2.id(), null, two);

        commitAndPublish(s1);
        commitAndPublish(s1);
        commitAndPublish(s2);

        assertEquals(List.of(1L, 2L), one.seqs());
        assertEquals(List.of(1L), two.seqs());
        assertEquals(s2.id(), two.events.getFirst().strategyId());
    }

    @Test
    void anotherUsersStrategyCannotBeSubscribed() {
        assertThrows(StrategyNotFoundException.class, () -> feed.subscribe("u2", s1.id(), null, new RecordingListener()));
        assertThrows(StrategyNotFoundException.class, () -> feed.subscribe("u1", 999, null, new RecordingListener()));
    }

    @Test
    void reconnectReplaysExactlyTheMissedEventsInOrderThenContinuesLive() {
        commitAndPublish(s1);
        for (int i = 0; i < 5; i++) {
            commitAndPublish(s1);
        }
        RecordingListener listener = new RecordingListener();

        feed.subscribe("u1", s1.id(), "mem-1", listener);
        commitAndPublish(s1);

        assertEquals(List.of(2L, 3L, 4L, 5L, 6L, 7L), listener.seqs());
        assertEquals(List.of(), listener.resyncs);
    }

    @Test
    void malformedCursorMeansLiveOnly() {
        commitAndPublish(s1);
        RecordingListener listener = new RecordingListener();

        feed.subscribe("u1", s1.id(), "garbage\r\nid: 1", listener);
        commitAndPublish(s1);

        assertEquals(List.of(2L), listener.seqs());
        assertEquals(List.of(), listener.resyncs);
    }

    @Test
    void unusableCursorsResyncToTheHead() {
        commitAndPublish(s1);
        commitAndPublish(s1);
        commitAndPublish(s1);
        store.prune(s1.id(), 2);
        var head = Optional.of(new EventId("mem", 3));

        assertEquals(List.of(new RecordingListener.Resync(head, "cursor_from_another_database")), resyncsFor("old-2"));
        assertEquals(List.of(new RecordingListener.Resync(head, "cursor_ahead_of_head")), resyncsFor("mem-9"));
        assertEquals(List.of(new RecordingListener.Resync(head, "cursor_outside_retention")), resyncsFor("mem-1"));
        assertEquals(List.of(), resyncsFor("mem-2"), "seq 3 is still retained");
    }

    @Test
    void moreMissedEventsThanTheReplayLimitResync() {
        for (int i = 0; i < 52; i++) {
            commitAndPublish(s1);
        }

        assertEquals(List.of(new RecordingListener.Resync(Optional.of(new EventId("mem", 52)), "too_many_missed_events")),
                resyncsFor("mem-1"));
        assertEquals(List.of(), resyncsFor("mem-2"));
    }

    @Test
    void resyncOnAnEmptyStreamHasNoHead() {
        assertEquals(List.of(new RecordingListener.Resync(Optional.empty(), "cursor_ahead_of_head")), resyncsFor("mem-4"));
    }

    private List<RecordingListener.Resync> resyncsFor(String cursor) {
        RecordingListener listener = new RecordingListener();
        try (Subscription ignored = feed.subscribe("u1", s1.id(), cursor, listener)) {
            return listener.resyncs;
        }
    }

    @Test
    void doorbellDeliversEventsCommittedElsewhereFromTheLog() {
        RecordingListener listener = new RecordingListener();
        feed.subscribe("u1", s1.id(), null, listener);

        commit(s1);
        commit(s1);
        feed.ring(s1.id(), 2);
        feed.ring(s1.id(), 2);
        commit(s1);
        feed.catchUp();

        assertEquals(List.of(1L, 2L, 3L), listener.seqs());
    }

    @Test
    void eventsPublishedOutOfCommitOrderAreDeliveredInOrderOnce() {
        RecordingListener listener = new RecordingListener();
        feed.subscribe("u1", s1.id(), null, listener);
        StoredEvent first = commit(s1);
        StoredEvent second = commit(s1);

        feed.publish(second);
        feed.publish(first);

        assertEquals(List.of(1L, 2L), listener.seqs());
    }

    @Test
    void closedSubscriptionReceivesNothingMore() {
        RecordingListener listener = new RecordingListener();
        Subscription subscription = feed.subscribe("u1", s1.id(), null, listener);
        commitAndPublish(s1);

        subscription.close();
        commitAndPublish(s1);

        assertEquals(List.of(1L), listener.seqs());
        assertEquals(0, feed.watchedStreams());
    }

    @Test
    void subscribersJoiningWhilePublishingSeeNoGapAndNoDuplicate() throws Exception {
        commitAndPublish(s1);
        List<RecordingListener> listeners = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(4)) {
            Future<?> publisher = threads.submit(() -> {
                for (int i = 0; i < 300; i++) {
                    commitAndPublish(s1);
                }
            });
            List<Future<RecordingListener>> joins = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                joins.add(threads.submit(() -> {
                    RecordingListener l = new RecordingListener();
                    feed.subscribe("u1", s1.id(), "mem-1", l);
                    return l;
                }));
            }
            publisher.get();
            for (Future<RecordingListener> join : joins) {
                listeners.add(join.get());
            }
        }
        for (RecordingListener listener : listeners) {
            List<Long> seqs = listener.seqs();
            if (listener.resyncs.isEmpty()) {
                assertEquals(LongStream.rangeClosed(2, 301).boxed().toList(), seqs);
            } else {
                assertEquals("too_many_missed_events", listener.resyncs.getFirst().reason());
                long first = listener.resyncs.getFirst().head().orElseThrow().seq() + 1;
                assertEquals(LongStream.rangeClosed(first, 301).boxed().toList(), seqs);
            }
        }
    }
}
