package io.batchcast.application.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchcast.application.service.SubscriberQueue.Entry;
import io.batchcast.application.service.SubscriberQueue.Offered;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SubscriberQueueTest {

    @Test
    void framesBeforeJoiningAreBacklogThenLiveAndBounded() {
        SubscriberQueue<String> queue = new SubscriberQueue<>(2);
        assertEquals(Offered.BACKLOG, queue.offer(new Entry<>("replayed", true)));
        queue.joined();
        assertEquals(Offered.QUEUED, queue.offer(new Entry<>("a", true)));
        assertEquals(Offered.QUEUED, queue.offer(new Entry<>("b", true)));
        assertEquals(Offered.FULL, queue.offer(new Entry<>("c", true)));
        assertEquals(List.of("replayed"), queue.takeBacklog().stream().map(Entry::frame).toList());
        List<Entry<String>> drained = new ArrayList<>();
        queue.drainWaiting(drained, 10);
        assertEquals(List.of("a", "b"), drained.stream().map(Entry::frame).toList());
        queue.written(2);
        assertEquals(Offered.QUEUED, queue.offer(new Entry<>("d", true)), "written frames free their slots");
    }

    @Test
    void aWaitingWriterGetsEveryFrameOfferedFromOtherThreadsInOrder() throws Exception {
        SubscriberQueue<Integer> queue = new SubscriberQueue<>(100_000);
        queue.joined();
        int frames = 20_000;
        CompletableFuture<List<Integer>> writer = CompletableFuture.supplyAsync(() -> {
            List<Integer> taken = new ArrayList<>();
            try {
                while (taken.size() < frames) {
                    taken.add(queue.take().frame());
                }
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return taken;
        });
        for (int i = 0; i < frames; i++) {
            queue.offer(new Entry<>(i, true));
            if (i % 1_000 == 0) {
                Thread.sleep(1); // let the writer run dry and park now and then
            }
        }
        List<Integer> taken = writer.get(30, TimeUnit.SECONDS);
        for (int i = 0; i < frames; i++) {
            assertEquals(i, taken.get(i));
        }
    }

    @Test
    void aWakeUpEndsAWaitWithoutAFrame() throws Exception {
        SubscriberQueue<String> queue = new SubscriberQueue<>(4);
        queue.joined();
        CountDownLatch taking = new CountDownLatch(1);
        CompletableFuture<Entry<String>> writer = CompletableFuture.supplyAsync(() -> {
            taking.countDown();
            try {
                return queue.take();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        taking.await();
        queue.wakeUp();
        assertTrue(SubscriberQueue.isWakeUp(writer.get(10, TimeUnit.SECONDS)));
    }

    @Test
    void anInterruptedWriterStopsWaitingAndABusyOneToo() throws Exception {
        SubscriberQueue<String> queue = new SubscriberQueue<>(4);
        queue.joined();
        CompletableFuture<Throwable> waiting = new CompletableFuture<>();
        Thread writer = Thread.ofVirtual().start(() -> {
            try {
                queue.take();
                waiting.complete(null);
            } catch (InterruptedException e) {
                waiting.complete(e);
            }
        });
        Thread.sleep(50);
        writer.interrupt();
        assertTrue(waiting.get(10, TimeUnit.SECONDS) instanceof InterruptedException);

        queue.offer(new Entry<>("queued", true));
        Thread.currentThread().interrupt();
        assertThrows(InterruptedException.class, queue::take, "interrupted with a frame waiting, as a blocking queue");
    }
}
