package io.batchcast.archfixtures.adapterconsumers.application.service;

import io.batchcast.archfixtures.adapterconsumers.adapter.exchange.PaperExchange;

/** Planted: a service creating its exchange adapter instead of receiving an OrderExecutionPort. */
public class ExecutingOrders {

    private final PaperExchange exchange = new PaperExchange();
}
