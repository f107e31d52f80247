-- The paper venue's order book, in its own embedded H2 database (next to QuickFIX/J's session store, the
-- fix_sessions and fix_messages tables). Idempotent: the venue runs it at every start.
CREATE TABLE IF NOT EXISTS venue_meta (
    meta_key   VARCHAR(64)  PRIMARY KEY,
    meta_value VARCHAR(256) NOT NULL
);

-- Every accepted order, under the request (account = strategy id, ClOrdID) that placed it. Refused orders are not
-- stored: a refused request leaves nothing to look up, as at the in-process paper exchange.
CREATE TABLE IF NOT EXISTS venue_orders (
    account     VARCHAR(64)  NOT NULL,
    cl_ord_id   VARCHAR(128) NOT NULL,
    order_no    BIGINT       NOT NULL,
    order_id    VARCHAR(96)  NOT NULL,
    symbol      VARCHAR(64)  NOT NULL,
    side        VARCHAR(4)   NOT NULL,
    order_type  VARCHAR(16)  NOT NULL,
    quantity    DECFLOAT     NOT NULL,
    price       DECFLOAT,
    stop_price  DECFLOAT,
    status      VARCHAR(16)  NOT NULL,
    accepted_at TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (account, cl_ord_id),
    CONSTRAINT venue_orders_order_no UNIQUE (order_no),
    CONSTRAINT venue_orders_order_id UNIQUE (order_id)
);

-- Every cancel that took effect, under its own request (account, ClOrdID), so that the same cancel again answers as
-- the first time did and a status request for it finds the order it cancelled.
CREATE TABLE IF NOT EXISTS venue_cancels (
    account      VARCHAR(64)  NOT NULL,
    cl_ord_id    VARCHAR(128) NOT NULL,
    order_id     VARCHAR(96)  NOT NULL,
    cancelled_at TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (account, cl_ord_id)
);
