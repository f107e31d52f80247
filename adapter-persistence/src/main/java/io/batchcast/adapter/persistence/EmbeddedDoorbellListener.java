package io.batchcast.adapter.persistence;

/**
 * The embedded (H2) database belongs to one process, so every event is committed by this instance and its in-process
 * bus already delivers it: there is nothing to listen to.
 */
final class EmbeddedDoorbellListener implements DoorbellListener {

    @Override
    public void start() {
    }

    @Override
    public void close() {
    }
}
