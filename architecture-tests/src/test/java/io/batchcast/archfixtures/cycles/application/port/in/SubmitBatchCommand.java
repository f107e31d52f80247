package io.batchcast.archfixtures.cycles.application.port.in;

import io.batchcast.archfixtures.cycles.application.port.out.ExecutionPort;

/** Planted (with ExecutionPort): port.in and port.out referring to each other. */
public record SubmitBatchCommand(ExecutionPort preferredVenue) {
}
