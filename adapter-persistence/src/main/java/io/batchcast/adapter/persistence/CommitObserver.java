package io.batchcast.adapter.persistence;

/**
 * Told of every transaction the group-commit writer commits: how many callers' writes it carried, and how long it
 * took from the writer taking them to a durable commit (connection, statements, commit and sync). Called on the
 * writer thread before those callers are answered, so it must be quick and never block (a metrics histogram).
 */
@FunctionalInterface
public interface CommitObserver {

    /** Observes nothing. */
    CommitObserver NONE = (writes, nanos) -> { };

    void committed(int writes, long nanos);
}
