package io.batchcast.application.port.in;

/** One problem with a request: the field path ({@code operations[3].create.price}) and what is wrong with it. */
public record FieldViolation(String field, String description) {
}
