package io.batchcast.application.service;

import io.batchcast.application.port.in.EventSelection;
import io.batchcast.application.port.in.OpenEventStream;
import io.batchcast.application.port.in.OpenEventStreamUseCase;
import io.batchcast.application.port.in.StoreUnavailableException;
import io.batchcast.application.port.in.StrategyNotFoundException;
import io.batchcast.application.port.in.StreamEnd;
import io.batchcast.application.port.in.StreamOpening;
import io.batchcast.application.port.in.Subscription;
import io.batchcast.application.port.out.DeliveryObserver;
import io.batchcast.application.port.in.StreamProtocol;
import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Event delivery for every protocol: admits streams under the per-user limit, subscribes them to the
 * {@link EventFeed}, and at shutdown ends them all (cleanly first, then by cutting the ones whose readers do not let
 * them finish). A protocol adapter only parses its request, encodes frames ({@link StreamProtocol}), runs the stream
 * on its byte sink and translates the end reasons.
 */
public final class EventDelivery implements OpenEventStreamUseCase, AutoCloseable {

    private final EventFeed feed;
    private final DeliveryLimits limits;
    private final DeliveryObserver observer;
    private final Clock clock;
    private final ScheduledThreadPoolExecutor timers;
    private final FrameCache frames;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition emptied = lock.newCondition();
    private final Map<String, Integer> streamsPerUser = new HashMap<>();
    private final Set<SubscriberStream<?>> open = new HashSet<>();
    private boolean shuttingDown;

    public EventDelivery(EventFeed feed, DeliveryLimits limits, DeliveryObserver observer, Clock clock) {
        this.feed = feed;
        this.limits = limits;
        this.observer = observer;
        this.clock = clock;
        // keepalives and token expiry of every stream; one thread, daemon so that a delivery never closed can exit
        this.timers = new ScheduledThreadPoolExecutor(1, Thread.ofPlatform().name("stream-timers").daemon()
                .factory());
        timers.setRemoveOnCancelPolicy(true);
        this.frames = new FrameCache(FrameCache.CAPACITY, observer);
    }

    public DeliveryLimits limits() {
        return limits;
    }

    /**
     * {@inheritDoc} Each event's frame is encoded once per protocol and cursor form and shared by every subscriber
     * ({@link FrameCache}), so {@code protocol} is one long-lived instance per adapter, not one per stream.
     */
    @Override
    public <F> StreamOpening<F> open(OpenEventStream request, StreamProtocol<F> protocol) {
        boolean userPositions = request.selection() instanceof EventSelection.CallerStrategies;
        var stream = new SubscriberStream<F>(request.caller(), frames.sharing(protocol), userPositions, limits.queueCapacity(),
                request.coalesceMs(), observer, clock, timers, this::release);
        StreamOpening.Refusal refusal = admit(stream);
        if (refusal == null) {
            refusal = subscribe(request, stream);
        }
        if (refusal != null) {
            observer.streamRefused();
            return new StreamOpening.Refused<>(refusal);
        }
        return new StreamOpening.Opened<>(stream);
    }

    private StreamOpening.Refusal subscribe(OpenEventStream request, SubscriberStream<?> stream) {
        String userId = request.caller().userId();
        try {
            Subscription subscription = switch (request.selection()) {
                case EventSelection.OneStrategy one -> feed.subscribe(userId, one.strategyId(), request.cursor(),
                        stream);
                case EventSelection.CallerStrategies some -> feed.subscribeToCallerStrategies(userId,
                        some.strategyIds(), request.cursor(), stream);
            };
            stream.joined(subscription);
            return null;
        } catch (StrategyNotFoundException e) {
            stream.discard();
            return new StreamOpening.StrategyNotFound(e.strategyId());
        } catch (StoreUnavailableException e) {
            stream.discard();
            return new StreamOpening.StoreUnavailable();
        }
    }

    private StreamOpening.Refusal admit(SubscriberStream<?> stream) {
        lock.lock();
        try {
            if (shuttingDown) {
                return new StreamOpening.ShuttingDown();
            }
            int current = streamsPerUser.getOrDefault(stream.userId(), 0);
            if (current >= limits.maxStreamsPerUser()) {
                return new StreamOpening.TooManyStreams(limits.maxStreamsPerUser());
            }
            streamsPerUser.put(stream.userId(), current + 1);
            open.add(stream);
            observer.streamOpened();
            return null;
        } finally {
            lock.unlock();
        }
    }

    private void release(SubscriberStream<?> stream) {
        lock.lock();
        try {
            if (!open.remove(stream)) {
                return;
            }
            streamsPerUser.computeIfPresent(stream.userId(), (user, count) -> count > 1 ? count - 1 : null);
            observer.streamClosed();
            if (open.isEmpty()) {
                emptied.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Streams the user holds open right now, over all protocols. */
    public int openFor(String userId) {
        lock.lock();
        try {
            return streamsPerUser.getOrDefault(userId, 0);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Refuses new streams, asks every open one to end after what it has queued, waits up to the shutdown grace, then
     * cuts the rest. Returns once every stream is gone or cut.
     */
    @Override
    public void close() {
        for (SubscriberStream<?> stream : stopAdmitting()) {
            stream.finish(new StreamEnd.ShutDown());
        }
        lock.lock();
        try {
            long remaining = limits.shutdownGrace().toNanos();
            while (!open.isEmpty() && remaining > 0) {
                remaining = emptied.awaitNanos(remaining);
            }
            open.forEach(SubscriberStream::abort);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            open.forEach(SubscriberStream::abort);
        } finally {
            lock.unlock();
            timers.shutdownNow();
        }
    }

    private List<SubscriberStream<?>> stopAdmitting() {
        lock.lock();
        try {
            shuttingDown = true;
            return List.copyOf(open);
        } finally {
            lock.unlock();
        }
    }
}
