package io.batchcast.archfixtures.fixconfinement.application.service;

import quickfix.field.ClOrdID;

/** Planted: a use case that knows FIX field types. */
public class RoutingOrders {

    ClOrdID clOrdId;
}
