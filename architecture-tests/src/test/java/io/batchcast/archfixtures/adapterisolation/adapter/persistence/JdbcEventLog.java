package io.batchcast.archfixtures.adapterisolation.adapter.persistence;

/** Valid on its own: the persistence adapter's event log. */
public class JdbcEventLog {

    public long headSequence() {
        return 0;
    }
}
