package io.batchcast.application.testing;

import io.batchcast.application.port.in.BatchReceipt;
import io.batchcast.application.port.in.OrderCursor;
import io.batchcast.application.port.in.StoreUnavailableException;
import io.batchcast.application.port.out.BatchAlreadyRecordedException;
import io.batchcast.application.port.out.BatchIntent;
import io.batchcast.application.port.out.BatchIntents;
import io.batchcast.application.port.out.BatchRecorder;
import io.batchcast.application.port.out.ClientOrderIdsTakenException;
import io.batchcast.application.port.out.EventLog;
import io.batchcast.application.port.out.OrderHistory;
import io.batchcast.application.port.out.OrderStore;
import io.batchcast.application.port.out.RecordedBatch;
import io.batchcast.application.port.out.RequestClaim;
import io.batchcast.application.port.out.StoredBatch;
import io.batchcast.application.port.out.StoredBatches;
import io.batchcast.application.port.out.StrategyStore;
import io.batchcast.application.port.out.StreamWindow;
import io.batchcast.domain.BatchAggregation;
import io.batchcast.domain.EventId;
import io.batchcast.domain.Order;
import io.batchcast.domain.OrderHourlySummary;
import io.batchcast.domain.OrderStatus;
import io.batchcast.domain.StoredEvent;
import io.batchcast.domain.Strategy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * All out-port stores in memory, for tests of the application and of adapters that need a working application
 * behind them. One lock serialises everything, which is what the real store's transactions guarantee per stream.
 */
public class InMemoryStore
        implements StrategyStore, OrderStore, BatchIntents, BatchRecorder, EventLog, OrderHistory, StoredBatches {

    public static final String EPOCH = "mem";

    /** A request id's claim: its batch, and the receipt once the batch is recorded. */
    private record Claim(String hash, String batchId, BatchReceipt receipt, Instant claimedAt) {
    }

    /** While set, every store call fails as the database being unreachable. */
    public volatile boolean down;
    /** The next intent is stored, but its caller is told the store failed (a commit whose answer was lost). */
    public volatile boolean loseNextIntentAck;

    private final Map<Long, Strategy> strategies = new HashMap<>();
    private final Map<String, Order> ordersById = new HashMap<>();
    private final Map<String, Claim> claims = new HashMap<>();
    private final Map<String, BatchIntent> intents = new HashMap<>();
    private final Map<String, BatchReceipt> receipts = new HashMap<>();
    private final Map<String, Long> batchStrategies = new HashMap<>();
    private final Map<Long, TreeMap<Long, StoredEvent>> events = new HashMap<>();
    private final Map<String, TreeMap<Long, StoredEvent>> userEvents = new HashMap<>();
    private final Map<String, Long> userHeads = new HashMap<>();
    private final Map<Long, Long> prunedUserSeq = new HashMap<>();
    private final Map<Long, Long> heads = new HashMap<>();
    private final List<RecordedBatch> recorded = new ArrayList<>();
    private long nextStrategyId = 1;

    @Override
    public synchronized Strategy create(String userId, String name, Instant createdAt) {
        Strategy strategy = new Strategy(nextStrategyId++, userId, name, createdAt);
        strategies.put(strategy.id(), strategy);
        return strategy;
    }

    @Override
    public synchronized Optional<Strategy> find(long strategyId) {
        return Optional.ofNullable(strategies.get(strategyId));
    }

    @Override
    public synchronized List<Strategy> listByUser(String userId, long afterId, int limit) {
        return strategies.values().stream()
                .filter(s -> s.userId().equals(userId) && s.id() > afterId)
                .sorted((a, b) -> Long.compare(a.id(), b.id()))
                .limit(limit)
                .toList();
    }

    @Override
    public synchronized Optional<Order> findByOrderId(long strategyId, String orderId) {
        return Optional.ofNullable(ordersById.get(orderId)).filter(o -> o.strategyId() == strategyId);
    }

    @Override
    public synchronized Optional<Order> findByClientOrderId(long strategyId, String clientOrderId) {
        return ordersById.values().stream()
                .filter(o -> o.strategyId() == strategyId && o.clientOrderId().equals(clientOrderId))
                .findFirst();
    }

    @Override
    public synchronized Set<String> usedClientOrderIds(long strategyId, Collection<String> clientOrderIds) {
        failIfDown("reading client order ids");
        Set<String> used = new HashSet<>();
        for (Order order : ordersById.values()) {
            if (order.strategyId() == strategyId && clientOrderIds.contains(order.clientOrderId())) {
                used.add(order.clientOrderId());
            }
        }
        return used;
    }

    @Override
    public synchronized Optional<RequestClaim> find(String userId, String requestId) {
        failIfDown("reading request id " + requestId);
        Claim claim = claims.get(userId + "\u0000" + requestId);
        if (claim == null) {
            return Optional.empty();
        }
        if (claim.batchId() == null) {
            return Optional.of(new RequestClaim.Pending(claim.hash(), claim.claimedAt()));
        }
        return Optional.of(claim.receipt() != null
                ? new RequestClaim.Completed(claim.hash(), claim.receipt())
                : new RequestClaim.Unsettled(claim.hash(), intents.get(claim.batchId())));
    }

    @Override
    public synchronized RequestClaim open(BatchIntent intent) {
        failIfDown("storing intent " + intent.batchId());
        if (!intent.requestId().isEmpty()) {
            String key = intent.stream().userId() + "\u0000" + intent.requestId();
            if (claims.containsKey(key)) {
                return find(intent.stream().userId(), intent.requestId()).orElseThrow();
            }
            claims.put(key, new Claim(intent.requestHash(), intent.batchId(), null, intent.createdAt()));
        }
        intents.put(intent.batchId(), intent);
        if (loseNextIntentAck) {
            loseNextIntentAck = false;
            throw new StoreUnavailableException("the commit of intent " + intent.batchId() + " was not acknowledged",
                    null);
        }
        return new RequestClaim.Claimed();
    }

    @Override
    public synchronized void abandon(String batchId) {
        failIfDown("abandoning intent " + batchId);
        BatchIntent intent = intents.remove(batchId);
        if (intent != null && !intent.requestId().isEmpty()) {
            claims.remove(intent.stream().userId() + "\u0000" + intent.requestId());
        }
    }

    @Override
    public synchronized List<BatchIntent> unsettled(Instant before, int limit) {
        failIfDown("reading unsettled intents");
        return intents.values().stream().filter(i -> i.createdAt().isBefore(before))
                .sorted(Comparator.comparing(BatchIntent::createdAt)).limit(limit).toList();
    }

    @Override
    public synchronized Optional<BatchReceipt> receipt(String batchId) {
        failIfDown("reading receipt " + batchId);
        return Optional.ofNullable(receipts.get(batchId));
    }

    @Override
    public synchronized Optional<StoredBatch> batch(long strategyId, String batchId) {
        failIfDown("reading batch " + batchId);
        BatchReceipt receipt = receipts.get(batchId);
        if (receipt != null) {
            return batchStrategies.get(batchId) == strategyId
                    ? Optional.of(new StoredBatch.Recorded(receipt)) : Optional.empty();
        }
        BatchIntent intent = intents.get(batchId);
        return intent != null && intent.stream().strategyId() == strategyId
                ? Optional.of(new StoredBatch.Unsettled(intent.requestId())) : Optional.empty();
    }

    /** Newest first: by creation time, then by order id, both descending. */
    private static final Comparator<Order> NEWEST_FIRST =
            Comparator.comparing(Order::createdAt).thenComparing(Order::orderId).reversed();

    @Override
    public synchronized List<Order> newestFirst(
            long strategyId, Optional<OrderStatus> status, Optional<OrderCursor> after, int limit) {
        failIfDown("listing orders");
        return ordersById.values().stream()
                .filter(o -> o.strategyId() == strategyId)
                .filter(o -> status.isEmpty() || o.status() == status.get())
                .filter(o -> after.isEmpty() || NEWEST_FIRST.compare(o, cursorOrder(o, after.get())) > 0)
                .sorted(NEWEST_FIRST)
                .limit(limit)
                .toList();
    }

    /** An order standing for the cursor's position, to compare with {@link #NEWEST_FIRST}. */
    private static Order cursorOrder(Order like, OrderCursor cursor) {
        return new Order(cursor.orderId(), like.strategyId(), like.spec(), like.status(), cursor.createdAt());
    }

    /** A claim as an earlier version wrote it: no intent, so what reached the venue is unknown. */
    public synchronized void legacyPendingClaim(String userId, String requestId, String requestHash, Instant at) {
        claims.put(userId + "\u0000" + requestId, new Claim(requestHash, null, null, at));
    }

    /** Unsettled intents, as the reconciler would find them. */
    public synchronized List<BatchIntent> openIntents() {
        return List.copyOf(intents.values());
    }

    private void failIfDown(String what) {
        if (down) {
            throw new StoreUnavailableException("database unavailable while " + what, null);
        }
    }

    @Override
    public synchronized Optional<StoredEvent> record(RecordedBatch batch) {
        failIfDown("recording batch " + batch.batchId());
        if (receipts.containsKey(batch.batchId())) {
            throw new BatchAlreadyRecordedException(batch.batchId());
        }
        Set<String> taken = new HashSet<>();
        for (Order order : batch.orders()) {
            if (!ordersById.containsKey(order.orderId()) && !order.clientOrderId().isEmpty()
                    && !usedClientOrderIds(order.strategyId(), List.of(order.clientOrderId())).isEmpty()) {
                taken.add(order.clientOrderId());
            }
        }
        if (!taken.isEmpty()) {
            throw new ClientOrderIdsTakenException(taken, null);
        }
        recorded.add(batch);
        batch.orders().forEach(o -> ordersById.put(o.orderId(), o));
        Optional<StoredEvent> stored = batch.event().map(event -> {
            long seq = heads.merge(event.strategyId(), 1L, Long::sum);
            long userSeq = userHeads.merge(event.userId(), 1L, Long::sum);
            StoredEvent s = new StoredEvent(new EventId(EPOCH, seq), event, userSeq);
            events.computeIfAbsent(event.strategyId(), k -> new TreeMap<>()).put(seq, s);
            userEvents.computeIfAbsent(event.userId(), k -> new TreeMap<>()).put(userSeq, s);
            return s;
        });
        BatchReceipt receipt = new BatchReceipt(batch.batchId(), batch.results(),
                BatchAggregation.summarize(batch.results()), stored.map(StoredEvent::id));
        receipts.put(batch.batchId(), receipt);
        batchStrategies.put(batch.batchId(), batch.stream().strategyId());
        intents.remove(batch.batchId());
        if (!batch.requestId().isEmpty()) {
            claims.put(batch.stream().userId() + "\u0000" + batch.requestId(),
                    new Claim(batch.requestHash(), batch.batchId(), receipt, batch.completedAt()));
        }
        return stored;
    }

    /** Appends a period's summary to its stream, as the store does when a period closes. */
    public synchronized StoredEvent appendSummary(OrderHourlySummary summary) {
        long seq = heads.merge(summary.strategyId(), 1L, Long::sum);
        StoredEvent s = new StoredEvent(new EventId(EPOCH, seq), summary);
        events.computeIfAbsent(summary.strategyId(), k -> new TreeMap<>()).put(seq, s);
        return s;
    }

    @Override
    public synchronized StreamWindow window(long strategyId) {
        long head = heads.getOrDefault(strategyId, 0L);
        TreeMap<Long, StoredEvent> log = events.get(strategyId);
        long oldest = log == null || log.isEmpty() ? head + 1 : log.firstKey();
        return new StreamWindow(EPOCH, oldest, head);
    }

    @Override
    public synchronized List<StoredEvent> eventsAfter(long strategyId, long afterSeq, int limit) {
        TreeMap<Long, StoredEvent> log = events.getOrDefault(strategyId, new TreeMap<>());
        return log.tailMap(afterSeq, false).values().stream().limit(limit).toList();
    }

    @Override
    public synchronized StreamWindow userWindow(String userId, Set<Long> strategyIds) {
        long pruned = 0;
        for (var mark : prunedUserSeq.entrySet()) {
            boolean users = strategies.containsKey(mark.getKey())
                    && strategies.get(mark.getKey()).userId().equals(userId);
            if (users && (strategyIds.isEmpty() || strategyIds.contains(mark.getKey()))) {
                pruned = Math.max(pruned, mark.getValue());
            }
        }
        return new StreamWindow(EPOCH, pruned + 1, userHeads.getOrDefault(userId, 0L));
    }

    @Override
    public synchronized List<StoredEvent> userEventsAfter(String userId, long afterUserSeq, int limit) {
        TreeMap<Long, StoredEvent> log = userEvents.getOrDefault(userId, new TreeMap<>());
        return log.tailMap(afterUserSeq, false).values().stream().limit(limit).toList();
    }

    /** Drops the stream's events up to and including {@code seq}, as retention would. */
    public synchronized void prune(long strategyId, long seq) {
        var dropped = events.getOrDefault(strategyId, new TreeMap<>()).headMap(seq, true);
        for (StoredEvent event : dropped.values()) {
            userEvents.get(event.userId()).remove(event.userSeq());
            prunedUserSeq.merge(strategyId, event.userSeq(), Math::max);
        }
        dropped.clear();
    }

    /** Every batch recorded so far, in recording order. */
    public synchronized List<RecordedBatch> recordedBatches() {
        return List.copyOf(recorded);
    }

    public synchronized Optional<Order> order(String orderId) {
        return Optional.ofNullable(ordersById.get(orderId));
    }
}
