-- QuickFIX/J's JDBC message store (JdbcStore), in the gateway's own database: one row per FIX session with its
-- sequence numbers, and the messages the session sent, by sequence number, for resend requests.
-- Plain SQL that runs unchanged on H2 and PostgreSQL, and idempotent: FixMessageStore runs it at every start, and it
-- can be copied verbatim into a Flyway migration. The columns are the ones QuickFIX/J reads (its "short" session id:
-- BeginString, SenderCompID, TargetCompID and a session qualifier, empty when unset).
CREATE TABLE IF NOT EXISTS fix_sessions (
    beginstring       VARCHAR(8)  NOT NULL,
    sendercompid      VARCHAR(64) NOT NULL,
    targetcompid      VARCHAR(64) NOT NULL,
    session_qualifier VARCHAR(64) NOT NULL,
    creation_time     TIMESTAMP   NOT NULL,
    incoming_seqnum   INTEGER     NOT NULL,
    outgoing_seqnum   INTEGER     NOT NULL,
    PRIMARY KEY (beginstring, sendercompid, targetcompid, session_qualifier)
);

CREATE TABLE IF NOT EXISTS fix_messages (
    beginstring       VARCHAR(8)  NOT NULL,
    sendercompid      VARCHAR(64) NOT NULL,
    targetcompid      VARCHAR(64) NOT NULL,
    session_qualifier VARCHAR(64) NOT NULL,
    msgseqnum         INTEGER     NOT NULL,
    message           VARCHAR     NOT NULL,
    PRIMARY KEY (beginstring, sendercompid, targetcompid, session_qualifier, msgseqnum)
);
