package io.batchcast.adapter.exchange.fix;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import quickfix.Message;

/**
 * Requests waiting for the venue's answer, by what identifies the answer: account and ClOrdID for a place or a
 * cancel, the request id for a status request. Answers arrive on QuickFIX/J's message thread; the callers wait on
 * their own (virtual) threads.
 */
final class PendingReplies {

    enum Kind { PLACE, CANCEL, STATUS, MASS_STATUS }

    /** What an answer is matched by; {@code account} is empty for status requests (their id is unique). */
    record Key(Kind kind, String account, String id) {
    }

    /** One waiting request; a mass status collects reports until the last one. */
    static final class Waiter {
        private final CompletableFuture<List<Message>> answer = new CompletableFuture<>();
        private final List<Message> collected = new ArrayList<>();

        /** Waits up to {@code timeoutMillis}; empty when no (complete) answer came in time. */
        List<Message> await(long timeoutMillis) throws InterruptedException, TimeoutException {
            try {
                return answer.get(timeoutMillis, TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                throw new IllegalStateException(e.getCause());
            }
        }

        private synchronized void add(Message message, boolean last) {
            collected.add(message);
            if (last) {
                answer.complete(List.copyOf(collected));
            }
        }
    }

    private final ConcurrentMap<Key, Waiter> waiting = new ConcurrentHashMap<>();

    /**
     * Registers a request before it is sent. Returns null, registering nothing, when the same request is already
     * waiting: its answer could not be told from this one's.
     */
    Waiter expect(Key key) {
        Waiter waiter = new Waiter();
        return waiting.putIfAbsent(key, waiter) == null ? waiter : null;
    }

    void forget(Key key, Waiter waiter) {
        waiting.remove(key, waiter);
    }

    /**
     * Hands an answer to the request waiting for it; {@code last} is false for a mass status report that more follow.
     * Returns false when no request waits for it (it timed out, or the answer was resent after a reconnect).
     */
    boolean deliver(Key key, Message message, boolean last) {
        Waiter waiter = waiting.get(key);
        if (waiter == null) {
            return false;
        }
        waiter.add(message, last);
        return true;
    }

    int size() {
        return waiting.size();
    }
}
