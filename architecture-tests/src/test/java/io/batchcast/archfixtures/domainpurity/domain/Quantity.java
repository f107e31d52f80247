package io.batchcast.archfixtures.domainpurity.domain;

import java.math.BigDecimal;

/** Valid: the domain may use the JDK. */
public record Quantity(BigDecimal value) {
}
