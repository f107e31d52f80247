package io.batchcast.archfixtures.applicationpurity.domain;

import java.math.BigDecimal;

/** Valid target: the application may use the domain. */
public record Quantity(BigDecimal value) {
}
