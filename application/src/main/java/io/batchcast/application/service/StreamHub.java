package io.batchcast.application.service;

import io.batchcast.application.port.in.EventListener;
import io.batchcast.application.port.in.Subscription;
import io.batchcast.application.port.out.StreamWindow;
import io.batchcast.domain.EventId;
import io.batchcast.domain.StoredEvent;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The subscribers of one {@link EventSequence} on this instance (a strategy's stream, or a user's sequence across
 * strategies). Joining (replay) and delivering (live) happen under one lock, so a new subscriber gets exactly the
 * events after its cursor up to the hub's position, and every later one live: no gap between replay and live, no
 * duplicate.
 */
final class StreamHub {

    private static final System.Logger LOG = System.getLogger(StreamHub.class.getName());
    private static final int PAGE = 500;

    private final Object key;
    private final EventSequence sequence;
    private final int maxReplay;
    private final Consumer<StreamHub> onEmpty;
    private final ReentrantLock lock = new ReentrantLock();
    private final List<EventListener> members = new CopyOnWriteArrayList<>();
    private String epoch;
    private long deliveredSeq;
    private boolean retired;

    StreamHub(Object key, EventSequence sequence, int maxReplay, Consumer<StreamHub> onEmpty) {
        this.key = key;
        this.sequence = sequence;
        this.maxReplay = maxReplay;
        this.onEmpty = onEmpty;
    }

    Object key() {
        return key;
    }

    /**
     * Replays after {@code cursor} (judged for subscribers of {@code strategyIds}, empty: all) and adds the listener;
     * {@code null} when this hub has retired.
     */
    Subscription join(Cursor cursor, Set<Long> strategyIds, EventListener listener) {
        lock.lock();
        try {
            if (retired) {
                return null;
            }
            StreamWindow window = sequence.window(strategyIds);
            if (members.isEmpty() && epoch == null) {
                epoch = window.epoch();
                deliveredSeq = window.headSeq();
            } else {
                deliverUpTo(window.headSeq());
            }
            switch (cursor) {
                case Cursor.After after -> replayAfter(after.id(), window, listener);
                case Cursor.Earliest earliest ->
                        replay(Math.max(window.oldestSeq() - 1, Math.max(0, deliveredSeq - maxReplay)), listener);
                case Cursor.Live live -> {
                }
            }
            members.add(listener);
            return () -> leave(listener);
        } finally {
            lock.unlock();
        }
    }

    private void replayAfter(EventId cursor, StreamWindow window, EventListener listener) {
        String problem = ReplayCheck.problem(cursor, epoch, window.oldestSeq(), deliveredSeq, maxReplay);
        if (problem != null) {
            listener.onResync(head(), problem);
            return;
        }
        replay(cursor.seq(), listener);
    }

    private void replay(long after, EventListener listener) {
        while (after < deliveredSeq) {
            List<StoredEvent> page = sequence.after(after, PAGE);
            if (page.isEmpty()) {
                break;
            }
            for (StoredEvent event : page) {
                if (sequence.seqOf(event) > deliveredSeq) {
                    return;
                }
                listener.onEvent(event);
                after = sequence.seqOf(event);
            }
        }
    }

    /** A locally committed event: delivered directly when it is the next one, else the gap is read from the log. */
    void offer(StoredEvent event) {
        lock.lock();
        try {
            long seq = sequence.seqOf(event);
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
            deliverUpTo(sequence.window(Set.of()).headSeq());
        } finally {
            lock.unlock();
        }
    }

    private void deliverUpTo(long target) {
        while (deliveredSeq < target) {
            List<StoredEvent> page = sequence.after(deliveredSeq, PAGE);
            if (page.isEmpty()) {
                return;
            }
            for (StoredEvent event : page) {
                dispatch(event);
            }
        }
    }

    private void dispatch(StoredEvent event) {
        deliveredSeq = sequence.seqOf(event);
        for (EventListener member : members) {
            try {
                member.onEvent(event);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "a subscriber of " + sequence + " failed; dropping it", e);
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
