package io.batchcast.archfixtures.layers.domain;

/** Valid: a domain class. */
public record Quantity(long units) {
}
