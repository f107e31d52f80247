package io.batchcast.adapter.persistence;

import static io.batchcast.adapter.persistence.TradingFixtures.NOON;
import static io.batchcast.adapter.persistence.TradingFixtures.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchcast.application.port.out.RecordedBatch;
import io.batchcast.domain.StoredEvent;
import io.batchcast.domain.Strategy;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Two instances (two {@link Persistence} objects, each with its own pool) append to one stream from 8 threads.
 * A reader polls the log meanwhile: if a later seq ever committed before an earlier one, it would see a gap.
 */
class ConcurrentSubmitTest {

    private static final int THREADS = 8;
    private static final int BATCHES_PER_THREAD = 100;
    private static final int TOTAL = THREADS * BATCHES_PER_THREAD;

    @ParameterizedTest
    @EnumSource(Engine.class)
    void eightThreadsThroughTwoInstancesGetGapFreeSeqsInCommitOrder(Engine engine) throws Exception {
        try (TestDatabase database = engine.newDatabase();
                Persistence instanceA = database.open();
                Persistence instanceB = database.open()) {
            Strategy strategy = instanceA.strategyStore().create(unique("alice"), "Grid BTC", NOON);
            AtomicBoolean writing = new AtomicBoolean(true);
            ConcurrentLinkedQueue<String> gapsSeen = new ConcurrentLinkedQueue<>();
            List<Future<List<StoredEvent>>> writers = new ArrayList<>();
            Future<Long> reader;
            try (ExecutorService threads = Executors.newFixedThreadPool(THREADS + 1)) {
                reader = threads.submit(() -> readWhileWriting(instanceB, strategy, writing, gapsSeen));
                CyclicBarrier start = new CyclicBarrier(THREADS);
                for (int t = 0; t < THREADS; t++) {
                    Persistence instance = t % 2 == 0 ? instanceA : instanceB;
                    writers.add(threads.submit(() -> {
                        start.await();
                        return writeBatches(instance, strategy);
                    }));
                }
                Set<String> batchIds = new HashSet<>();
                try {
                    for (Future<List<StoredEvent>> writer : writers) {
                        List<StoredEvent> written = writer.get();
                        assertIncreasing(written);
                        written.forEach(event -> batchIds.add(event.batchEvent().orElseThrow().batchId()));
                    }
                } finally {
                    writing.set(false);
                }
                assertEquals(TOTAL, batchIds.size());
            }

            List<StoredEvent> log = instanceA.eventLog().eventsAfter(strategy.id(), 0, TOTAL + 10);
            assertEquals(LongStream.rangeClosed(1, TOTAL).boxed().toList(),
                    log.stream().map(event -> event.id().seq()).toList());
            assertEquals(List.of(), List.copyOf(gapsSeen), "a later event was visible before an earlier one");
            assertTrue(reader.get() > 0, "the reader ran while the writers wrote");
            assertEquals(TOTAL, instanceB.eventLog().window(strategy.id()).headSeq());
        }
    }

    private static List<StoredEvent> writeBatches(Persistence instance, Strategy strategy) {
        List<StoredEvent> written = new ArrayList<>(BATCHES_PER_THREAD);
        for (int i = 0; i < BATCHES_PER_THREAD; i++) {
            RecordedBatch batch = TradingFixtures.oneLimitOrder(strategy, NOON);
            written.add(instance.batchRecorder().record(batch).orElseThrow());
        }
        return written;
    }

    /** @return how many polls it made */
    private static long readWhileWriting(Persistence instance, Strategy strategy, AtomicBoolean writing,
            ConcurrentLinkedQueue<String> gapsSeen) {
        long lastSeen = 0;
        long polls = 0;
        while (true) {
            boolean stillWriting = writing.get();
            List<StoredEvent> page = instance.eventLog().eventsAfter(strategy.id(), lastSeen, 50);
            polls++;
            for (StoredEvent event : page) {
                if (event.id().seq() != lastSeen + 1) {
                    gapsSeen.add("after " + lastSeen + " came " + event.id().seq());
                }
                lastSeen = event.id().seq();
            }
            if (!stillWriting && page.isEmpty()) {
                return polls;
            }
        }
    }

    private static void assertIncreasing(List<StoredEvent> written) {
        for (int i = 1; i < written.size(); i++) {
            assertTrue(written.get(i).id().seq() > written.get(i - 1).id().seq(),
                    "one thread's batches got seqs in its own order");
        }
    }
}
