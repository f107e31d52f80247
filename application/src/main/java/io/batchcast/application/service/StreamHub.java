package io.batchcast.application.service;

import io.batchcast.application.port.in.EventListener;
import io.batchcast.application.port.in.Subscription;
import io.batchcast.application.port.out.EventLog;
import io.batchcast.application.port.out.StreamWindow;
import io.batchcast.domain.EventId;
import io.batchcast.domain.StoredEvent;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The subscribers of one stream on this instance. Joining (replay) and delivering (live) happen under one lock, so a
 * new subscriber gets exactly the events after its cursor up to the hub's position, and every later one live: no gap
 * between replay and live, no duplicate.
 */
final class StreamHub {

    private static final System.Logger LOG = System.getLogger(StreamHub.class.getName());
    private static final int PAGE = 500;

    private final long strategyId;
    private final EventLog log;
    private final int maxReplay;
    private final Consumer<StreamHub> onEmpty;
    private final ReentrantLock lock = new ReentrantLock();
    private final List<EventListener> members = new CopyOnWriteArrayList<>();
    private String epoch;
    private long deliveredSeq;
    private boolean retired;

    StreamHub(long strategyId, EventLog log, int maxReplay, Consumer<StreamHub> onEmpty) {
        this.strategyId = strategyId;
        this.log = log;
        this.maxReplay = maxReplay;
        this.onEmpty = onEmpty;
    }

    long strategyId() {
        return strategyId;
    }

    /** Replays after {@code cursor} and adds the listener; {@code null} when this hub has retired. */
    Subscription join(Optional<EventId> cursor, EventListener listener) {
        lock.lock();
        try {
            if (retired) {
                return null;
            }
            StreamWindow window = log.window(strategyId);
            if (members.isEmpty() && epoch == null) {
                epoch = window.epoch();
                deliveredSeq = window.headSeq();
            } else {
                deliverUpTo(window.headSeq());
            }
            if (cursor.isPresent()) {
                replay(cursor.get(), window, listener);
            }
            members.add(listener);
            return () -> leave(listener);
        } finally {
            lock.unlock();
        }
    }

    private void replay(EventId cursor, StreamWindow window, EventListener listener) {
        String problem = ReplayCheck.problem(cursor, epoch, window.oldestSeq(), deliveredSeq, maxReplay);
        if (problem != null) {
            listener.onResync(head(), problem);
            return;
        }
        long after = cursor.seq();
        while (after < deliveredSeq) {
            List<StoredEvent> page = log.eventsAfter(strategyId, after, PAGE);
            if (page.isEmpty()) {
                break;
            }
            for (StoredEvent event : page) {
                if (event.id().seq() > deliveredSeq) {
                    return;
                }
                listener.onEvent(event);
                after = event.id().seq();
            }
        }
    }

    /** A locally committed event: delivered directly when it is the next one, else the gap is read from the log. */
    void offer(StoredEvent event) {
        lock.lock();
        try {
            long seq = event.id().seq();
            if (seq == deliveredSeq + 1 && event.id().epoch().equals(epoch)) {
                dispatch(event);
            } else if (seq > deliveredSeq) {
                deliverUpTo(seq);
            }
        } finally {
            lock.unlock();
        }
    }

    void advanceTo(long seq) {
        lock.lock();
        try {
            deliverUpTo(seq);
        } finally {
            lock.unlock();
        }
    }

    void advanceToHead() {
        lock.lock();
        try {
            deliverUpTo(log.window(strategyId).headSeq());
        } finally {
            lock.unlock();
        }
    }

    private void deliverUpTo(long target) {
        while (deliveredSeq < target) {
            List<StoredEvent> page = log.eventsAfter(strategyId, deliveredSeq, PAGE);
            if (page.isEmpty()) {
                return;
            }
            for (StoredEvent event : page) {
                dispatch(event);
            }
        }
    }

    private void dispatch(StoredEvent event) {
        deliveredSeq = event.id().seq();
        for (EventListener member : members) {
            try {
                member.onEvent(event);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "a subscriber of stream " + strategyId + " failed; dropping it", e);
                members.remove(member);
            }
        }
    }

    private Optional<EventId> head() {
        return deliveredSeq > 0 ? Optional.of(new EventId(epoch, deliveredSeq)) : Optional.empty();
    }

    private void leave(EventListener listener) {
        lock.lock();
        try {
            members.remove(listener);
            if (members.isEmpty() && !retired) {
                retired = true;
                onEmpty.accept(this);
            }
        } finally {
            lock.unlock();
        }
    }
}
