package io.batchcast.archfixtures.cycles.domain;

/** Valid: depended on, depends on nothing. */
public record Quantity(long units) {
}
