package io.batchcast.archfixtures.adapterconsumers.bootstrap;

import io.batchcast.archfixtures.adapterconsumers.adapter.exchange.PaperExchange;

/** Valid: the composition root creates the adapter. */
public final class Main {

    public static void main(String[] args) {
        new PaperExchange();
    }
}
