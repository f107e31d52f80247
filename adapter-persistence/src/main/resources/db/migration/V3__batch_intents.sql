-- A batch's intent is made durable before the gateway sends anything to the venue: its batches row is INTENT (the
-- claim of its request id, if it has one) and its planned steps, with the client order ids the venue will see, are
-- in batch_intents. Recording the batch turns the row COMPLETED and deletes the steps in the same transaction, so
-- batch_intents holds only unsettled batches and stays small; reconciliation scans it by age.
-- PENDING rows are claims of an earlier version, which kept no intent.
ALTER TABLE batches DROP CONSTRAINT batches_completed_is_whole;
ALTER TABLE batches DROP CONSTRAINT batches_state;
ALTER TABLE batches ADD CONSTRAINT batches_state CHECK (state IN ('PENDING', 'INTENT', 'COMPLETED'));
ALTER TABLE batches ADD CONSTRAINT batches_completed_is_whole CHECK (state = 'PENDING'
    OR (batch_id IS NOT NULL AND strategy_id IS NOT NULL AND (state = 'INTENT' OR completed_at IS NOT NULL)));

CREATE TABLE batch_intents (
    batch_id   VARCHAR(255)             NOT NULL PRIMARY KEY,
    created_at TIMESTAMP WITH TIME ZONE NOT NULL,
    steps      VARCHAR                  NOT NULL
);
