-- The per-user sequence: every event also gets a gap-free number in its user's sequence, assigned under the user's
-- row lock in the batch's transaction, so that the numbers follow commit order across all of the user's strategies
-- and across instances. It is the cursor of GET /api/v1/events (docs/sse.md, "All strategies on one connection").
CREATE TABLE user_streams (
    user_id  VARCHAR(255) NOT NULL PRIMARY KEY,
    head_seq BIGINT       NOT NULL
);
ALTER TABLE events ADD COLUMN user_seq BIGINT;
-- The highest user_seq retention has deleted from this stream: a subscription cursor below it has lost events.
ALTER TABLE streams ADD COLUMN pruned_user_seq BIGINT DEFAULT 0 NOT NULL;
-- Events recorded before this migration are numbered strategy by strategy (their commit order is not known).
MERGE INTO events e
USING (SELECT strategy_id, seq, ROW_NUMBER() OVER (PARTITION BY user_id ORDER BY strategy_id, seq) AS rn
       FROM events) r
ON (e.strategy_id = r.strategy_id AND e.seq = r.seq)
WHEN MATCHED THEN UPDATE SET user_seq = r.rn;
INSERT INTO user_streams (user_id, head_seq) SELECT user_id, MAX(user_seq) FROM events GROUP BY user_id;
CREATE UNIQUE INDEX events_by_user ON events (user_id, user_seq);
