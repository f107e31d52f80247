package io.batchcast.archfixtures.fixconfinement.venue;

import quickfix.SocketAcceptor;

/** Valid: the paper venue is a FIX acceptor. */
public class PaperVenue {

    SocketAcceptor acceptor;
}
