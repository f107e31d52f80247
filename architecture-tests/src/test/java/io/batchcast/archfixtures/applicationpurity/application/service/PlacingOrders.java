package io.batchcast.archfixtures.applicationpurity.application.service;

import io.batchcast.archfixtures.applicationpurity.domain.Quantity;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;

/** Valid: domain types, an injected Clock and the rest of the JDK. */
public class PlacingOrders {

    private final Clock clock;

    PlacingOrders(Clock clock) {
        this.clock = clock;
    }

    Instant placedAt() {
        return clock.instant();
    }

    Quantity minimum() {
        return new Quantity(BigDecimal.ONE);
    }
}
