package io.batchcast.archfixtures.adapterconsumers.adapter.exchange;

/** Valid: the paper exchange adapter. */
public class PaperExchange {
}
