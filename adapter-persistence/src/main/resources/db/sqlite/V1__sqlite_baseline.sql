-- SQLite's schema: the shape the H2 and PostgreSQL migrations (db/migration, versions 1 to 8) arrive at, in one
-- baseline, since a SQLite database is always created by this version. Migration 2 (Java, the database epoch) runs
-- after it as on the other databases. Later changes get a migration here and one in db/migration.
--
-- Types: SQLite has neither instants nor exact decimals. Instants are TEXT in fixed-width UTC with microseconds
-- (2026-12-02T05:49:25.510909Z), so that text order is time order; decimals are TEXT in plain notation (no exponent),
-- read back exactly (Columns). Identities are INTEGER PRIMARY KEY AUTOINCREMENT (the rowid; AUTOINCREMENT so that a
-- strategy id or a batch row id is never handed out twice, even after the newest rows were deleted). Lengths are
-- checked by the stores before writing (ColumnLimits), since SQLite does not enforce VARCHAR(n). No foreign keys:
-- what they guarded is guaranteed before the write (docs/persistence.md, "What a submitted batch writes").

CREATE TABLE meta (
    meta_key   TEXT NOT NULL PRIMARY KEY,
    meta_value TEXT NOT NULL
);

CREATE TABLE strategies (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id    TEXT NOT NULL,
    name       TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX strategies_by_user ON strategies (user_id, id);

-- client_order_id is NULL when the client gave none, so that many such orders fit the unique constraint.
CREATE TABLE orders (
    strategy_id     INTEGER NOT NULL,
    order_id        TEXT    NOT NULL,
    client_order_id TEXT,
    symbol          TEXT    NOT NULL,
    side            TEXT    NOT NULL,
    order_type      TEXT    NOT NULL,
    quantity        TEXT    NOT NULL,
    price           TEXT,
    stop_price      TEXT,
    status          TEXT    NOT NULL,
    updated_at      TEXT    NOT NULL,
    created_at      TEXT    NOT NULL,
    CONSTRAINT orders_pk PRIMARY KEY (strategy_id, order_id),
    CONSTRAINT orders_client_order_id_unique UNIQUE (strategy_id, client_order_id)
);
-- ListOrders: a page is a range read of this index from its start (newest first, ties broken by order id).
CREATE INDEX orders_newest_first ON orders (strategy_id, created_at DESC, order_id DESC);

-- A batch row is an INTENT (the claim of its request id, if any, made before the venue is called), then the
-- COMPLETED batch, its results (the receipt a retry gets back) a JSON array in one column. PENDING is the claim of
-- an earlier version and never written here; the state keeps the other databases' constraint.
CREATE TABLE batches (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    batch_id     TEXT,
    user_id      TEXT NOT NULL,
    strategy_id  INTEGER,
    request_id   TEXT,
    request_hash TEXT,
    state        TEXT NOT NULL,
    event_seq    INTEGER,
    claimed_at   TEXT,
    completed_at TEXT,
    results      TEXT,
    CONSTRAINT batches_batch_id_unique UNIQUE (batch_id),
    CONSTRAINT batches_request_unique UNIQUE (user_id, request_id),
    CONSTRAINT batches_state CHECK (state IN ('PENDING', 'INTENT', 'COMPLETED')),
    CONSTRAINT batches_completed_is_whole CHECK (state = 'PENDING'
        OR (batch_id IS NOT NULL AND strategy_id IS NOT NULL AND (state = 'INTENT' OR completed_at IS NOT NULL)))
);

-- Receipts of batches recorded before results moved into the batch row; never written on SQLite, read and pruned
-- by the same code as on the other databases.
CREATE TABLE batch_results (
    batch_id        TEXT    NOT NULL,
    idx             INTEGER NOT NULL,
    outcome         TEXT    NOT NULL,
    order_id        TEXT,
    client_order_id TEXT,
    order_type      TEXT,
    error_reason    TEXT,
    error_message   TEXT,
    CONSTRAINT batch_results_pk PRIMARY KEY (batch_id, idx)
);

-- The planned steps of unsettled batches (deleted when the batch is recorded); reconciliation scans it by age.
CREATE TABLE batch_intents (
    batch_id   TEXT NOT NULL PRIMARY KEY,
    created_at TEXT NOT NULL,
    steps      TEXT NOT NULL
);

-- The per-stream sequence head, and the highest user_seq retention has deleted from the stream.
CREATE TABLE streams (
    strategy_id     INTEGER NOT NULL PRIMARY KEY,
    head_seq        INTEGER NOT NULL,
    pruned_user_seq INTEGER NOT NULL DEFAULT 0
);

-- The per-user sequence head: every event also gets a gap-free number in its user's sequence.
CREATE TABLE user_streams (
    user_id  TEXT    NOT NULL PRIMARY KEY,
    head_seq INTEGER NOT NULL
);

-- The event log (transactional outbox). Batch events: summaries 'LIMIT:5:3,STOP_LIMIT:2:0', period_start and
-- batches NULL. Summary events: batch_id NULL, period_start and batches set, summaries 'LIMIT:5:3:1,...'.
CREATE TABLE events (
    strategy_id  INTEGER NOT NULL,
    seq          INTEGER NOT NULL,
    batch_id     TEXT,
    user_id      TEXT    NOT NULL,
    summaries    TEXT    NOT NULL,
    occurred_at  TEXT    NOT NULL,
    period_start TEXT,
    batches      INTEGER,
    user_seq     INTEGER,
    CONSTRAINT events_pk PRIMARY KEY (strategy_id, seq)
);
-- Pruning by age walks this index from its old end instead of scanning the log.
CREATE INDEX events_by_age ON events (occurred_at);
CREATE UNIQUE INDEX events_by_user ON events (user_id, user_seq);

-- Hourly statistics, counted by the recording of each batch in the group commit's transaction.
CREATE TABLE statistics_batches (
    strategy_id  INTEGER NOT NULL,
    bucket_start TEXT    NOT NULL,
    batches      INTEGER NOT NULL,
    CONSTRAINT statistics_batches_pk PRIMARY KEY (strategy_id, bucket_start)
);
CREATE INDEX statistics_batches_by_start ON statistics_batches (bucket_start);

CREATE TABLE statistics_order_types (
    strategy_id  INTEGER NOT NULL,
    bucket_start TEXT    NOT NULL,
    order_type   TEXT    NOT NULL,
    created      INTEGER NOT NULL,
    cancelled    INTEGER NOT NULL,
    rejected     INTEGER NOT NULL,
    CONSTRAINT statistics_order_types_pk PRIMARY KEY (strategy_id, bucket_start, order_type)
);

-- One row per summarized (strategy, period), inserted in the transaction that appends the summary event.
CREATE TABLE summary_periods (
    strategy_id  INTEGER NOT NULL,
    period_start TEXT    NOT NULL,
    closed_at    TEXT    NOT NULL,
    CONSTRAINT summary_periods_pk PRIMARY KEY (strategy_id, period_start)
);
CREATE INDEX summary_periods_by_start ON summary_periods (period_start);
