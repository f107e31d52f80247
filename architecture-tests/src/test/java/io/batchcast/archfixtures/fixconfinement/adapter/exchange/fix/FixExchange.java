package io.batchcast.archfixtures.fixconfinement.adapter.exchange.fix;

import quickfix.Session;

/** Valid: the FIX adapter speaks FIX. */
public class FixExchange {

    Session session;
}
