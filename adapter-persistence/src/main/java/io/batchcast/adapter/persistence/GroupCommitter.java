package io.batchcast.adapter.persistence;

import io.batchcast.application.port.in.StoreUnavailableException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * Group commit: the one writer of this instance's write transactions. Callers hand it their transaction's work and
 * wait; the writer takes whatever is queued (at most {@code maxGroup}), runs it in one transaction in queue order and
 * commits once, then answers each caller. A lone caller is written at once: the writer never waits for company.
 *
 * <p>A member that fails rolls the group back, and every member is then written in a transaction of its own, so one
 * bad member (a constraint, a client order id race) fails alone. A failed commit fails every member of the group as
 * the store being unavailable (its outcome is unknown, as for any commit whose answer is lost). Work must therefore
 * be safe to run twice: it only writes what its inputs say, and reads nothing that another member of the group
 * writes except through the database itself (e.g. a stream's head).
 *
 * <p>Members queue the rows they insert and change in the transaction's {@link WriteSet}, which sends them as one
 * JDBC batch per statement for the whole group after the last member; a failing statement fails the group, and the
 * members are then written alone, as for any failure.
 *
 * <p>A member may bring a share of work that is merged across the group: the {@link BeforeCommit} work runs once,
 * after the last member and before the commit, with the shares of the members in the transaction (the statistics
 * upserts: one statement per row for the whole group instead of one per batch). It adds no commit. Likewise a member
 * may declare a lock: the {@link BeforeMembers} work runs first, with the locks of the members in the transaction
 * (the sequence rows they append to, locked for the whole group at once).
 */
final class GroupCommitter implements AutoCloseable {

    static final int DEFAULT_MAX_GROUP = 128;
    /** How long the writer waits for a group before it syncs the database's own writes (when it syncs at all). */
    static final java.time.Duration IDLE_SYNC = java.time.Duration.ofMillis(100);
    private static final System.Logger LOG = System.getLogger(GroupCommitter.class.getName());

    /** Work after the commit of a group that wrote something, on the same connection (e.g. the doorbell). */
    @FunctionalInterface
    interface AfterCommit {
        void run(Connection connection, List<Object> results) throws SQLException;
    }

    /** Work merged across the members of a transaction, run after the last one and before the commit. */
    @FunctionalInterface
    interface BeforeCommit {
        void run(Connection connection, List<Object> shares) throws SQLException;
    }

    /**
     * Work before the members of a transaction, given the locks they declared (members that declared none are left
     * out; with none at all it does not run), e.g. the sequence rows they append to, locked in one statement for the
     * whole group instead of one per member.
     */
    @FunctionalInterface
    interface BeforeMembers {
        void run(Connection connection, WriteSet writes, List<Object> locks) throws SQLException;
    }

    /** A member's work, given the transaction's {@link WriteSet} for the rows it sends with the whole group's. */
    @FunctionalInterface
    interface GroupWork<T> {
        T apply(Connection connection, WriteSet writes) throws SQLException;
    }

    private record Member(String what, String lockGroup, long lockOrder, Object share, Object lock,
            GroupWork<?> work, CompletableFuture<Object> answer) {
    }

    private static final Member STOP =
            new Member("stop", "", 0, null, null, (c, w) -> null, new CompletableFuture<>());
    /** Members run in (user, strategy) order (stable: queue order within a strategy), so that groups of different
     * instances lock user-sequence and stream rows in the same order (StreamAppender#lockAll: existing rows). */
    private static final java.util.Comparator<Member> LOCK_ORDER = java.util.Comparator.comparing(Member::lockGroup)
            .thenComparingLong(Member::lockOrder);

    private final DataSource dataSource;
    private final int maxGroup;
    private final AfterCommit afterCommit;
    private final BeforeCommit beforeCommit;
    private final BeforeMembers beforeMembers;
    private final String syncAfterCommit;
    private final CommitObserver observer;
    private final BlockingQueue<Member> queue = new LinkedBlockingQueue<>();
    private final Thread writer;
    private volatile boolean closed;
    private final java.util.concurrent.atomic.AtomicLong commits = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong idleSyncs = new java.util.concurrent.atomic.AtomicLong();

    GroupCommitter(DataSource dataSource, int maxGroup, AfterCommit afterCommit) {
        this(dataSource, maxGroup, "", afterCommit);
    }

    /** @param syncAfterCommit a statement that makes a commit durable (H2's {@code CHECKPOINT SYNC}), or empty */
    GroupCommitter(DataSource dataSource, int maxGroup, String syncAfterCommit, AfterCommit afterCommit) {
        this(dataSource, maxGroup, syncAfterCommit, (connection, shares) -> { }, afterCommit);
    }

    /** @param beforeCommit the work merged across a transaction's members, given the shares they brought */
    GroupCommitter(DataSource dataSource, int maxGroup, String syncAfterCommit, BeforeCommit beforeCommit,
            AfterCommit afterCommit) {
        this(dataSource, maxGroup, syncAfterCommit, beforeCommit, afterCommit, CommitObserver.NONE);
    }

    /** @param observer told of every committed transaction (its writes and duration) before they are answered */
    GroupCommitter(DataSource dataSource, int maxGroup, String syncAfterCommit, BeforeCommit beforeCommit,
            AfterCommit afterCommit, CommitObserver observer) {
        this(dataSource, maxGroup, syncAfterCommit, (connection, writes, locks) -> { }, beforeCommit, afterCommit,
                observer);
    }

    /** @param beforeMembers the work before a transaction's members, given the locks they declared */
    GroupCommitter(DataSource dataSource, int maxGroup, String syncAfterCommit, BeforeMembers beforeMembers,
            BeforeCommit beforeCommit, AfterCommit afterCommit, CommitObserver observer) {
        if (maxGroup < 1) {
            throw new IllegalArgumentException("maxGroup must be >= 1, was " + maxGroup);
        }
        this.dataSource = dataSource;
        this.maxGroup = maxGroup;
        this.afterCommit = afterCommit;
        this.beforeCommit = beforeCommit;
        this.beforeMembers = beforeMembers;
        this.syncAfterCommit = syncAfterCommit;
        this.observer = observer;
        this.writer = Thread.ofPlatform().name("batchcast-group-commit").daemon().start(this::writeGroups);
    }

    /**
     * Runs {@code work} in the next group's transaction; returns once that transaction committed. Within a group,
     * work runs ordered by {@code lockOrder} (the strategy whose rows it locks), then in queue order.
     */
    <T> T inTransaction(String what, long lockOrder, Transactions.Work<T> work) {
        return inTransaction(what, "", lockOrder, null, work);
    }

    /** As {@link #inTransaction(String, long, Transactions.Work)}, ordered by {@code lockGroup} (the user) first. */
    <T> T inTransaction(String what, String lockGroup, long lockOrder, Transactions.Work<T> work) {
        return inTransaction(what, lockGroup, lockOrder, null, work);
    }

    /** As above, bringing {@code share} (null: none) to the transaction's {@link BeforeCommit} work. */
    <T> T inTransaction(String what, String lockGroup, long lockOrder, Object share, Transactions.Work<T> work) {
        return inGroup(what, lockGroup, lockOrder, share, (connection, writes) -> work.apply(connection));
    }

    /**
     * As above, for work that queues rows in the transaction's {@link WriteSet}: they are sent with the other
     * members' rows after the last member, before the {@link BeforeCommit} work and the commit.
     */
    <T> T inGroup(String what, String lockGroup, long lockOrder, Object share, GroupWork<T> work) {
        return inGroup(what, lockGroup, lockOrder, share, null, work);
    }

    /** As above, declaring {@code lock} (null: none) to the transaction's {@link BeforeMembers} work. */
    @SuppressWarnings("unchecked")
    <T> T inGroup(String what, String lockGroup, long lockOrder, Object share, Object lock, GroupWork<T> work) {
        if (closed) {
            throw new StoreUnavailableException("the store is closed; nothing was written while " + what, null);
        }
        Member member = new Member(what, lockGroup, lockOrder, share, lock, work, new CompletableFuture<>());
        queue.add(member);
        // Once queued the work belongs to the writer and will be written or fail: the caller waits for that answer
        // even when interrupted (its interrupt is kept), so that it never reports a write as failed that happened.
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return (T) member.answer().get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void writeGroups() {
        List<Member> group = new ArrayList<>(maxGroup);
        while (true) {
            try {
                Member first = syncAfterCommit.isEmpty() ? queue.take()
                        : queue.poll(IDLE_SYNC.toMillis(), TimeUnit.MILLISECONDS);
                if (first == null) {
                    syncWhileIdle();
                    continue;
                }
                group.add(first);
                queue.drainTo(group, maxGroup - 1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            boolean stop = group.remove(STOP);
            group.sort(LOCK_ORDER);
            if (!group.isEmpty()) {
                write(group);
            }
            group.clear();
            if (stop) {
                failQueued();
                return;
            }
        }
    }

    private void write(List<Member> group) {
        List<Object> results = new ArrayList<>(group.size());
        Throwable memberFailure = null;
        long start = System.nanoTime();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            memberFailure = runMembers(connection, group, results);
            if (memberFailure == null) {
                commit(connection);
                committed(group.size(), start);
                for (int i = 0; i < group.size(); i++) {
                    group.get(i).answer().complete(results.get(i));
                }
                ringAfterCommit(connection, results);
                return;
            }
            Transactions.rollbackOrDiscard(dataSource, connection, memberFailure);
            // sqlite-jdbc begins the next transaction at once, holding SQLite's write lock, which would block
            // the members' own transactions below; auto-commit ends it (a no-op on the other databases)
            connection.setAutoCommit(true);
        } catch (SQLException e) {
            if (memberFailure == null) {
                failAll(group, e);
                return;
            }
            // ending the failed group's transaction failed (a failed rollback discarded its connection, and the
            // transaction with it): the members are still written alone, each on a connection of its own
            memberFailure.addSuppressed(e);
        } catch (RuntimeException e) {
            group.forEach(member -> member.answer().completeExceptionally(e));
            return;
        }
        if (group.size() == 1) {
            fail(group.getFirst(), memberFailure);
        } else {
            group.forEach(this::writeAlone);
        }
    }

    /** Runs the members, then the group's rows and merged work; returns the first failure, or null. */
    private Throwable runMembers(Connection connection, List<Member> group, List<Object> results) {
        WriteSet writes = new WriteSet(group.size() > 1);
        try {
            runBeforeMembers(connection, writes, group);
            for (Member member : group) {
                results.add(member.work().apply(connection, writes));
            }
            writes.flush(connection);
            runBeforeCommit(connection, group);
            return null;
        } catch (SQLException | RuntimeException e) {
            return e;
        }
    }

    private static void failAll(List<Member> group, SQLException e) {
        for (Member member : group) {
            member.answer().completeExceptionally(Transactions.unavailable(member.what(), e));
        }
    }

    /** Commits, and answers only once the commit is durable: a failed sync fails the group as a lost commit would. */
    private void commit(Connection connection) throws SQLException {
        try {
            connection.commit();
            if (!syncAfterCommit.isEmpty()) {
                try (var sync = connection.createStatement()) {
                    sync.execute(syncAfterCommit);
                }
            }
        } catch (SQLException e) {
            Transactions.rollbackOrDiscard(dataSource, connection, e);
            throw e;
        }
    }

    /**
     * With no group for {@link #IDLE_SYNC}: syncs what the database wrote by itself meanwhile (H2's background
     * writer: the pruner's deletes, chunks it rewrote to compact the file), so that nothing it wrote stays unsynced
     * for longer than that, well within the time H2 keeps the space of replaced chunks before reusing it.
     */
    private void syncWhileIdle() {
        try (Connection connection = dataSource.getConnection(); var sync = connection.createStatement()) {
            sync.execute(syncAfterCommit);
            idleSyncs.incrementAndGet();
        } catch (SQLException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "idle sync failed (the next group syncs again): " + e.getMessage());
        }
    }

    /** After a rolled-back group: this member in its own transaction, failing alone if it fails. */
    private void writeAlone(Member member) {
        long start = System.nanoTime();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            Object result;
            try {
                WriteSet writes = new WriteSet(false);
                runBeforeMembers(connection, writes, List.of(member));
                result = member.work().apply(connection, writes);
                writes.flush(connection);
                runBeforeCommit(connection, List.of(member));
                commit(connection);
                committed(1, start);
            } catch (SQLException | RuntimeException e) {
                Transactions.rollbackOrDiscard(dataSource, connection, e);
                fail(member, e);
                return;
            }
            member.answer().complete(result);
            ringAfterCommit(connection, List.of(result));
        } catch (SQLException e) {
            member.answer().completeExceptionally(Transactions.unavailable(member.what(), e));
        }
    }

    private void committed(int writes, long start) {
        commits.incrementAndGet();
        try {
            observer.committed(writes, System.nanoTime() - start);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "commit observer failed (the commit stands): " + e.getMessage());
        }
    }

    private void runBeforeMembers(Connection connection, WriteSet writes, List<Member> members)
            throws SQLException {
        List<Object> locks = new ArrayList<>(members.size());
        for (Member member : members) {
            if (member.lock() != null) {
                locks.add(member.lock());
            }
        }
        if (!locks.isEmpty()) {
            beforeMembers.run(connection, writes, locks);
        }
    }

    private void runBeforeCommit(Connection connection, List<Member> members) throws SQLException {
        List<Object> shares = new ArrayList<>(members.size());
        for (Member member : members) {
            if (member.share() != null) {
                shares.add(member.share());
            }
        }
        if (!shares.isEmpty()) {
            beforeCommit.run(connection, shares);
        }
    }

    private static void fail(Member member, Throwable failure) {
        member.answer().completeExceptionally(failure instanceof SQLException sql
                ? Transactions.unavailable(member.what(), sql)
                : failure);
    }

    /** The commit is durable and answered; a failure here loses only a doorbell, never data. */
    private void ringAfterCommit(Connection connection, List<Object> results) {
        try {
            connection.setAutoCommit(true);
            afterCommit.run(connection, results);
        } catch (SQLException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "after-commit work failed (the commit stands): " + e.getMessage());
        }
    }

    private void failQueued() {
        List<Member> left = new ArrayList<>();
        queue.drainTo(left);
        for (Member member : left) {
            member.answer().completeExceptionally(
                    new StoreUnavailableException("the store closed; nothing was written while " + member.what(), null));
        }
    }

    /** Callers waiting for the next group. */
    int queued() {
        return queue.size();
    }

    /** Transactions committed so far: a group, or a member written alone after its group failed. */
    long commits() {
        return commits.get();
    }

    /** Syncs run because the writer was idle (tests). */
    long idleSyncs() {
        return idleSyncs.get();
    }

    /** Writes what is queued, then stops; later calls fail as the store being unavailable. */
    @Override
    public void close() {
        closed = true;
        queue.add(STOP);
        try {
            writer.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
