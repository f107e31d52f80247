package io.batchcast.adapter.persistence;

import static io.batchcast.adapter.persistence.TradingFixtures.NOON;
import static io.batchcast.adapter.persistence.TradingFixtures.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.batchcast.application.port.in.BatchReceipt;
import io.batchcast.application.port.in.EventListener;
import io.batchcast.application.port.in.OperationRequest;
import io.batchcast.application.port.in.SubmitOrderBatchCommand;
import io.batchcast.application.port.in.Subscription;
import io.batchcast.application.port.out.ExecutionReport;
import io.batchcast.application.port.out.OrderExecutionPort;
import io.batchcast.application.service.BatchLimits;
import io.batchcast.application.service.EventFeed;
import io.batchcast.application.service.SubmittingOrderBatches;
import io.batchcast.domain.EventId;
import io.batchcast.domain.NewOrder;
import io.batchcast.domain.OrderStatus;
import io.batchcast.domain.OrderType;
import io.batchcast.domain.Side;
import io.batchcast.domain.StoredEvent;
import io.batchcast.domain.Strategy;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The application services of two instances, wired as bootstrap wires them, on one database. */
class TwoApplicationInstancesTest {

    /** Accepts every order; counts what it was asked to do. */
    static final class CountingExchange implements OrderExecutionPort {
        final AtomicInteger placed = new AtomicInteger();

        @Override
        public ExecutionReport place(long strategyId, String venueClientOrderId, NewOrder order) {
            return new ExecutionReport.Accepted("ex-" + unique("ord"), statusAfterPlacing(order));
        }

        private OrderStatus statusAfterPlacing(NewOrder order) {
            placed.incrementAndGet();
            return order.type() == OrderType.MARKET ? OrderStatus.FILLED : OrderStatus.OPEN;
        }

        @Override
        public ExecutionReport cancel(long strategyId, String venueClientOrderId, String orderId) {
            return new ExecutionReport.Accepted(orderId, OrderStatus.CANCELLED);
        }

        @Override
        public java.util.Optional<io.batchcast.application.port.out.VenueOrder> lookup(long strategyId,
                String venueClientOrderId) {
            throw new UnsupportedOperationException("every request is answered, nothing to reconcile");
        }
    }

    static final class Instance implements AutoCloseable {
        final Persistence persistence;
        final EventFeed feed;
        final CountingExchange exchange = new CountingExchange();
        final SubmittingOrderBatches submit;

        Instance(TestDatabase database) {
            persistence = database.open();
            feed = new EventFeed(persistence.strategyStore(), persistence.eventLog(), 1_000);
            submit = new SubmittingOrderBatches(persistence.strategyStore(), persistence.orderStore(),
                    persistence.batchIntents(), persistence.batchRecorder(), exchange, feed, Clock.systemUTC(),
                    BatchLimits.defaults());
            persistence.doorbellListener(feed).start();
        }

        @Override
        public void close() {
            persistence.close();
        }
    }

    static final class Received implements EventListener {
        final BlockingQueue<StoredEvent> events = new LinkedBlockingQueue<>();
        final List<String> resyncs = new ArrayList<>();

        @Override
        public void onEvent(StoredEvent event) {
            events.add(event);
        }

        @Override
        public void onResync(Optional<EventId> head, String reason) {
            resyncs.add(reason);
        }

        List<EventId> take(int count) throws InterruptedException {
            List<EventId> ids = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                StoredEvent event = events.poll(Await.PATIENCE.toSeconds(), TimeUnit.SECONDS);
                ids.add(event == null ? null : event.id());
            }
            return ids;
        }
    }

    private static SubmitOrderBatchCommand twoLimitOrders(Strategy strategy, String requestId) {
        OperationRequest order = new OperationRequest.Create("", "BTC-USD", Side.BUY, OrderType.LIMIT, "0.5",
                "64000.25", "");
        return new SubmitOrderBatchCommand(strategy.userId(), strategy.id(), requestId, List.of(order, order));
    }

    private static List<EventId> submitBatches(Instance instance, Strategy strategy, int count) {
        List<EventId> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(instance.submit.submit(twoLimitOrders(strategy, "")).eventId().orElseThrow());
        }
        return ids;
    }

    @Test
    void subscriberOnOneInstanceGetsTheOthersBatchesInOrderAndWhatItMissedOnReconnect() throws Exception {
        try (TestDatabase database = Engine.POSTGRESQL.newDatabase();
                Instance a = new Instance(database);
                Instance b = new Instance(database)) {
            Strategy strategy = a.persistence.strategyStore().create(unique("alice"), "Grid BTC", NOON);
            Received onA = new Received();
            Received onB = new Received();
            Subscription subscriptionOnA = a.feed.subscribe(strategy.userId(), strategy.id(), "", onA);
            b.feed.subscribe(strategy.userId(), strategy.id(), "", onB);

            List<EventId> submitted = submitBatches(b, strategy, 10);

            assertEquals(submitted, onA.take(10));
            assertEquals(submitted, onB.take(10));
            subscriptionOnA.close();
            List<EventId> missed = submitBatches(b, strategy, 3);
            Received again = new Received();
            a.feed.subscribe(strategy.userId(), strategy.id(), submitted.getLast().toString(), again);
            assertEquals(missed, again.take(3));
            assertEquals(List.of(), onA.resyncs);
            assertEquals(List.of(), again.resyncs);
        }
    }

    @ParameterizedTest
    @EnumSource(Engine.class)
    void oneRequestIdSentToBothInstancesAtOnceExecutesOnce(Engine engine) throws Exception {
        try (TestDatabase database = engine.newDatabase();
                Instance a = new Instance(database);
                Instance b = new Instance(database)) {
            Strategy strategy = a.persistence.strategyStore().create(unique("alice"), "Grid BTC", NOON);
            CyclicBarrier together = new CyclicBarrier(2);
            Future<BatchReceipt> viaA;
            Future<BatchReceipt> viaB;
            try (ExecutorService callers = Executors.newFixedThreadPool(2)) {
                viaA = callers.submit(() -> {
                    together.await();
                    return a.submit.submit(twoLimitOrders(strategy, "req-once"));
                });
                viaB = callers.submit(() -> {
                    together.await();
                    return b.submit.submit(twoLimitOrders(strategy, "req-once"));
                });
            }

            assertEquals(viaA.get(), viaB.get());
            assertEquals(2, a.exchange.placed.get() + b.exchange.placed.get());
            assertEquals(1, a.persistence.eventLog().window(strategy.id()).headSeq());
        }
    }
}
