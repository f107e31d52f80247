package io.batchcast.application.service;

import io.batchcast.domain.NewOrder;
import io.batchcast.domain.OrderType;
import io.batchcast.domain.Side;
import java.math.BigDecimal;

/** Orders for hand-built intents. */
final class IntentStepsFixture {

    private IntentStepsFixture() {
    }

    static NewOrder placeOf(String clientOrderId) {
        return new NewOrder(clientOrderId, "BTC-USDT", Side.BUY, OrderType.LIMIT, new BigDecimal("1"),
                new BigDecimal("100"), null);
    }
}
