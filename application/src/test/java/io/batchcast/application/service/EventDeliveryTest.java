package io.batchcast.application.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.batchcast.application.port.in.DeliveryStream;
import io.batchcast.application.port.in.EventSelection;
import io.batchcast.application.port.in.OpenEventStream;
import io.batchcast.application.port.in.StreamEnd;
import io.batchcast.application.port.in.StreamOpening;
import io.batchcast.application.port.in.StreamCaller;
import io.batchcast.application.port.in.FrameSink;
import io.batchcast.application.port.out.RecordedBatch;
import io.batchcast.application.port.in.StreamProtocol;
import io.batchcast.application.testing.InMemoryStore;
import io.batchcast.domain.OperationResult;
import io.batchcast.domain.OrderBatchEvent;
import io.batchcast.domain.OrderType;
import io.batchcast.domain.StoredEvent;
import io.batchcast.domain.Strategy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The delivery core without a socket: a protocol whose frames are strings, and a sink that records each write.
 * Admission, replay then live, joined writes, keepalive halves, the slow-reader cut-off, token expiry, shutdown.
 */
class EventDeliveryTest {

    private static final Instant NOW = Instant.parse("2026-11-27T01:00:00Z");
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final InMemoryStore store = new InMemoryStore();
    private final EventFeed feed = new EventFeed(store, store, 100);
    private final DeliveryCounters counters = new DeliveryCounters();
    private final AtomicInteger batches = new AtomicInteger();
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private EventDelivery delivery = delivery(DeliveryLimits.defaults());

    @AfterEach
    void close() {
        delivery.close();
        threads.shutdownNow();
    }

    private EventDelivery delivery(DeliveryLimits limits) {
        return new EventDelivery(feed, limits, counters, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void framesQueuedWhileTheWriterWasBusyGoOutInOneWriteInOrder() throws Exception {
        Strategy strategy = store.create("u1", "grid", NOW);
        var sink = new RecordingSink(true);
        DeliveryStream<String> stream = opened(open("u1", strategy.id(), "", new TextProtocol(Optional.empty())));
        CompletableFuture<StreamEnd> end = CompletableFuture.supplyAsync(() -> stream.run(sink), threads);
        sink.firstWriteStarted.await(10, TimeUnit.SECONDS); // the opening frame, held until released

        String one = publish(strategy);
        String two = publish(strategy);
        String three = publish(strategy);
        sink.release.countDown();

        assertEquals(List.of("open"), sink.writes.poll(10, TimeUnit.SECONDS));
        assertEquals(List.of(one, two, three), sink.writes.poll(10, TimeUnit.SECONDS));
        delivery.close();
        assertEquals(new StreamEnd.ShutDown(), end.get(10, TimeUnit.SECONDS));
        assertEquals(3, counters.eventsDelivered());
        assertEquals(3, counters.lagCount(), "live events are measured");
    }

    @Test
    void theReplayGoesOutWithTheOpeningInOneWriteThenLive() throws Exception {
        Strategy strategy = store.create("u1", "grid", NOW);
        String seen = publish(strategy);
        String missed1 = publish(strategy);
        String missed2 = publish(strategy);
        var sink = new RecordingSink(false);
        DeliveryStream<String> stream = opened(open("u1", strategy.id(), cursorOf(seen),
                new TextProtocol(Optional.empty())));
        CompletableFuture<StreamEnd> end = CompletableFuture.supplyAsync(() -> stream.run(sink), threads);

        assertEquals(List.of("open", missed1, missed2), sink.writes.poll(10, TimeUnit.SECONDS));
        String live = publish(strategy);
        assertEquals(List.of(live), sink.writes.poll(10, TimeUnit.SECONDS));
        assertEquals(2, counters.replayedEvents());
        delivery.close();
        assertEquals(new StreamEnd.ShutDown(), end.get(10, TimeUnit.SECONDS));
    }

    @Test
    void aQuietStreamWritesHalfAKeepaliveEachHalfIntervalAndEndsOnAFrameBoundary() throws Exception {
        Strategy strategy = store.create("u1", "grid", NOW);
        var sink = new RecordingSink(false);
        DeliveryStream<String> stream = opened(open("u1", strategy.id(), "",
                new TextProtocol(Optional.of(Duration.ofSeconds(2)))));
        CompletableFuture<StreamEnd> end = CompletableFuture.supplyAsync(() -> stream.run(sink), threads);
        assertEquals(List.of("open"), sink.writes.poll(10, TimeUnit.SECONDS));

        assertEquals(List.of("ka-1"), sink.writes.poll(10, TimeUnit.SECONDS), "after half an interval");
        String event = publish(strategy);
        assertEquals(List.of("ka-2", event), sink.writes.poll(10, TimeUnit.SECONDS), "ended before the event");
        assertEquals(List.of("ka-1"), sink.writes.poll(10, TimeUnit.SECONDS), "half an interval after the event");
        delivery.close();

        assertEquals(new StreamEnd.ShutDown(), end.get(10, TimeUnit.SECONDS));
        assertEquals(List.of("ka-2"), sink.writes.poll(10, TimeUnit.SECONDS), "a clean end completes the keepalive");
        assertEquals(2, counters.heartbeatsSent());
    }

    @Test
    void aReaderThatFallsAWholeQueueBehindIsCutOffAndOthersAreNot() throws Exception {
        delivery.close();
        delivery = delivery(DeliveryLimits.defaults().withQueueCapacity(2));
        Strategy strategy = store.create("u1", "grid", NOW);
        var stalled = new RecordingSink(true);
        var reader = new RecordingSink(false);
        DeliveryStream<String> slow = opened(open("u1", strategy.id(), "", new TextProtocol(Optional.empty())));
        DeliveryStream<String> fast = opened(open("u1", strategy.id(), "", new TextProtocol(Optional.empty())));
        CompletableFuture<StreamEnd> slowEnd = CompletableFuture.supplyAsync(() -> slow.run(stalled), threads);
        CompletableFuture<StreamEnd> fastEnd = CompletableFuture.supplyAsync(() -> fast.run(reader), threads);
        stalled.firstWriteStarted.await(10, TimeUnit.SECONDS);
        assertEquals(List.of("open"), reader.writes.poll(10, TimeUnit.SECONDS));

        publish(strategy);
        publish(strategy);
        assertEquals(0, counters.slowReaderEvictions(), "two frames waiting: within the capacity");
        // the healthy reader takes both before the third is published, so only the stalled one can fall behind
        // (on a loaded machine its writer thread could otherwise still be holding them)
        int taken = 0;
        while (taken < 2) {
            taken += reader.writes.poll(10, TimeUnit.SECONDS).size();
        }
        publish(strategy);

        assertEquals(1, counters.slowReaderEvictions());
        assertEquals(new StreamEnd.TooSlow(2), slowEnd.get(10, TimeUnit.SECONDS));
        assertEquals(1, delivery.openFor("u1"), "the slot is freed");
        reader.writes.poll(10, TimeUnit.SECONDS);
        delivery.close();
        assertEquals(new StreamEnd.ShutDown(), fastEnd.get(10, TimeUnit.SECONDS));
    }

    @Test
    void theStreamEndsAtTheTokensExpiry() throws Exception {
        Strategy strategy = store.create("u1", "grid", NOW);
        var caller = new StreamCaller("u1", NOW.plusMillis(300));
        DeliveryStream<String> stream = opened(delivery.open(new OpenEventStream(caller,
                new EventSelection.OneStrategy(strategy.id()), ""), new TextProtocol(Optional.empty())));

        assertEquals(new StreamEnd.TokenExpired(), CompletableFuture.supplyAsync(() -> stream.run(
                new RecordingSink(false)), threads).get(WAIT.toSeconds(), TimeUnit.SECONDS));
        assertEquals(0, delivery.openFor("u1"));
    }

    @Test
    void theUserLimitCountsAConnectionOnceWhateverItsStrategiesAndCoversEveryProtocol() {
        delivery.close();
        delivery = delivery(DeliveryLimits.defaults().withMaxStreamsPerUser(2));
        Strategy a = store.create("u1", "a", NOW);
        Strategy b = store.create("u1", "b", NOW);
        var protocol = new TextProtocol(Optional.empty());
        var all = new OpenEventStream(new StreamCaller("u1", NOW.plusSeconds(60)),
                new EventSelection.CallerStrategies(Set.of(a.id(), b.id())), "");
        opened(delivery.open(all, protocol));
        DeliveryStream<String> second = opened(open("u1", a.id(), "", protocol));

        assertEquals(new StreamOpening.Refused<>(new StreamOpening.TooManyStreams(2)), delivery.open(all, protocol));
        assertEquals(2, delivery.openFor("u1"));
        second.discard();
        assertInstanceOf(StreamOpening.Opened.class, delivery.open(all, protocol));
    }

    @Test
    void anotherUsersStrategyIsRefusedAndTakesNoSlot() {
        Strategy bobs = store.create("bob", "grid", NOW);
        Strategy own = store.create("u1", "grid", NOW);
        var request = new OpenEventStream(new StreamCaller("u1", NOW.plusSeconds(60)),
                new EventSelection.CallerStrategies(Set.of(own.id(), bobs.id())), "");

        assertEquals(new StreamOpening.Refused<>(new StreamOpening.StrategyNotFound(bobs.id())),
                delivery.open(request, new TextProtocol(Optional.empty())));
        assertEquals(0, delivery.openFor("u1"));
        assertEquals(0, feed.watchedStreams());
    }

    @Test
    void aProtocolWithoutAResyncFrameEndsTheStreamWithTheHeadCursor() throws Exception {
        Strategy strategy = store.create("u1", "grid", NOW);
        String head = publish(strategy);
        DeliveryStream<String> stream = opened(open("u1", strategy.id(), "other-1",
                new TextProtocol(Optional.empty())));

        assertEquals(new StreamEnd.CursorUnusable(cursorOf(head), "cursor_from_another_database"),
                CompletableFuture.supplyAsync(() -> stream.run(new RecordingSink(false)), threads)
                        .get(10, TimeUnit.SECONDS));
    }

    @Test
    void aCoalescingStreamMergesItsReplayIntoOneFrameAndSendsThePendingRunBeforeAShutdown() throws Exception {
        Strategy strategy = store.create("u1", "grid", NOW);
        String seen = publish(strategy);
        String last = "";
        for (int i = 0; i < 20; i++) {
            last = publish(strategy);
        }
        var sink = new RecordingSink(false);
        DeliveryStream<String> stream = opened(delivery.open(new OpenEventStream(
                new StreamCaller("u1", NOW.plusSeconds(3600)), new EventSelection.OneStrategy(strategy.id()),
                cursorOf(seen), OpenEventStream.MAX_COALESCE_MS), new TextProtocol(Optional.empty())));
        CompletableFuture<StreamEnd> end = CompletableFuture.supplyAsync(() -> stream.run(sink), threads);
        assertEquals(List.of("open"), sink.writes.poll(10, TimeUnit.SECONDS), "the run is pending, not written");

        delivery.close(); // long before the 10 s window closes

        assertEquals(List.of("merged 20 " + cursorOf(last) + " b21 [OrderTypeSummary[orderType=LIMIT, created=20,"
                + " cancelled=0]]"), sink.writes.poll(10, TimeUnit.SECONDS));
        assertEquals(new StreamEnd.ShutDown(), end.get(10, TimeUnit.SECONDS));
        assertEquals(1, counters.eventsDelivered(), "one frame");
    }

    @Test
    void afterShutdownNewStreamsAreRefused() {
        Strategy strategy = store.create("u1", "grid", NOW);
        delivery.close();
        assertEquals(new StreamOpening.Refused<>(new StreamOpening.ShuttingDown()),
                open("u1", strategy.id(), "", new TextProtocol(Optional.empty())));
    }

    private StreamOpening<String> open(String user, long strategyId, String cursor, TextProtocol protocol) {
        return delivery.open(new OpenEventStream(new StreamCaller(user, NOW.plusSeconds(3600)),
                new EventSelection.OneStrategy(strategyId), cursor), protocol);
    }

    private static DeliveryStream<String> opened(StreamOpening<String> opening) {
        return assertInstanceOf(StreamOpening.Opened.class, opening).stream();
    }

    /** Commits a batch event and publishes it; returns its frame text. */
    private String publish(Strategy strategy) {
        var results = List.of(OperationResult.created(0, "o", "c", OrderType.LIMIT));
        String batchId = "b" + batches.incrementAndGet();
        var event = OrderBatchEvent.of(results, strategy.stream(), batchId, NOW);
        StoredEvent stored = store.record(new RecordedBatch(batchId, strategy.stream(), "", "h", List.of(), results,
                event, NOW)).orElseThrow();
        feed.publish(stored);
        return "event " + stored.id();
    }

    private static String cursorOf(String frame) {
        return frame.substring("event ".length());
    }

    /** Frames as text; a keepalive when given an interval; never a resync frame (the stream ends instead). */
    private record TextProtocol(Optional<Duration> keepaliveInterval) implements StreamProtocol<String> {
        @Override
        public List<String> opening() {
            return List.of("open");
        }

        @Override
        public Optional<String> event(StoredEvent event, String cursor) {
            return Optional.of("event " + cursor);
        }

        @Override
        public Optional<String> coalesced(StoredEvent merged, int batchCount, String cursor) {
            var batch = merged.batchEvent().orElseThrow();
            return Optional.of("merged " + batchCount + " " + cursor + " " + batch.batchId() + " "
                    + batch.summaries());
        }

        @Override
        public Optional<String> resync(String headCursor, String reason) {
            return Optional.empty();
        }

        @Override
        public Optional<Keepalive<String>> keepalive() {
            return keepaliveInterval.map(interval -> new Keepalive<>(interval, "ka-1", "ka-2"));
        }
    }

    /** Records each write; when {@code holdFirst}, the first write waits for {@link #release}, as a busy socket. */
    private static final class RecordingSink implements FrameSink<String> {
        final BlockingQueue<List<String>> writes = new LinkedBlockingQueue<>();
        final CountDownLatch firstWriteStarted = new CountDownLatch(1);
        final CountDownLatch release;
        private volatile boolean aborted;

        RecordingSink(boolean holdFirst) {
            release = new CountDownLatch(holdFirst ? 1 : 0);
        }

        @Override
        public void write(List<String> frames) {
            firstWriteStarted.countDown();
            try {
                while (!release.await(10, TimeUnit.MILLISECONDS)) {
                    if (aborted) {
                        throw new IllegalStateException("cut off");
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            if (aborted) {
                throw new IllegalStateException("cut off");
            }
            writes.add(List.copyOf(frames));
        }

        @Override
        public void abort() {
            aborted = true;
        }
    }
}
