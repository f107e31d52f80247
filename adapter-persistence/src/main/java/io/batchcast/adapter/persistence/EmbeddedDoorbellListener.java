package io.batchcast.adapter.persistence;

/**
 * An embedded database (SQLite or H2) belongs to one process, so every event is committed by this instance and its
 * in-process bus already delivers it: there is nothing to listen to.
 */
final class EmbeddedDoorbellListener implements DoorbellListener {

    @Override
    public void start() {
    }

    @Override
    public void close() {
    }
}
