-- Hourly statistics, counted by the recording of each batch in the batch's own transaction (the group commit's
-- transaction: one upsert per (strategy, bucket) and per (strategy, bucket, order type) for the whole group, the
-- group's batches merged in memory). A bucket is an hour, or the summary period when that is shorter.
CREATE TABLE statistics_batches (
    strategy_id  BIGINT                   NOT NULL,
    bucket_start TIMESTAMP WITH TIME ZONE NOT NULL,
    batches      INTEGER                  NOT NULL,
    CONSTRAINT statistics_batches_pk PRIMARY KEY (strategy_id, bucket_start)
);
-- Closing a period finds the strategies that had batches in it, and retention walks from the oldest bucket.
CREATE INDEX statistics_batches_by_start ON statistics_batches (bucket_start);

CREATE TABLE statistics_order_types (
    strategy_id  BIGINT                   NOT NULL,
    bucket_start TIMESTAMP WITH TIME ZONE NOT NULL,
    order_type   VARCHAR(16)              NOT NULL,
    created      INTEGER                  NOT NULL,
    cancelled    INTEGER                  NOT NULL,
    rejected     INTEGER                  NOT NULL,
    CONSTRAINT statistics_order_types_pk PRIMARY KEY (strategy_id, bucket_start, order_type)
);

-- One row per summarized (strategy, period), inserted in the transaction that appends the summary event: the primary
-- key lets exactly one instance append it.
CREATE TABLE summary_periods (
    strategy_id  BIGINT                   NOT NULL,
    period_start TIMESTAMP WITH TIME ZONE NOT NULL,
    closed_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT summary_periods_pk PRIMARY KEY (strategy_id, period_start)
);
CREATE INDEX summary_periods_by_start ON summary_periods (period_start);

-- A summary event in the log: period_start and batches set, batch_id NULL, summaries 'LIMIT:5:3:1,...'
-- (type:created:cancelled:rejected, possibly empty). Batch events leave the new columns NULL.
ALTER TABLE events ALTER COLUMN batch_id DROP NOT NULL;
ALTER TABLE events ADD COLUMN period_start TIMESTAMP WITH TIME ZONE;
ALTER TABLE events ADD COLUMN batches INTEGER;
