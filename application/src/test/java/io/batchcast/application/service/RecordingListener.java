package io.batchcast.application.service;

import io.batchcast.application.port.in.EventListener;
import io.batchcast.domain.EventId;
import io.batchcast.domain.StoredEvent;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** Remembers what a subscriber received, in order. */
final class RecordingListener implements EventListener {

    record Resync(Optional<EventId> head, String reason) {
    }

    final List<StoredEvent> events = new CopyOnWriteArrayList<>();
    final List<Resync> resyncs = new CopyOnWriteArrayList<>();

    @Override
    public void onEvent(StoredEvent event) {
        events.add(event);
    }

    @Override
    public void onResync(Optional<EventId> head, String reason) {
        resyncs.add(new Resync(head, reason));
    }

    List<Long> seqs() {
        return events.stream().map(e -> e.id().seq()).toList();
    }
}
