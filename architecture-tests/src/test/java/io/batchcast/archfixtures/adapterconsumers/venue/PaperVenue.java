package io.batchcast.archfixtures.adapterconsumers.venue;

import io.batchcast.archfixtures.adapterconsumers.adapter.exchange.PaperExchange;

/** Valid: the paper venue reuses the exchange adapter (the module table allows it that one adapter). */
public class PaperVenue {

    private final PaperExchange rules = new PaperExchange();
}
