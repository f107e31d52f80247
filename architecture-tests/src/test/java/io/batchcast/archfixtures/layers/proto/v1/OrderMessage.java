package io.batchcast.archfixtures.layers.proto.v1;

/** Valid: generated code depends on no Batchcast module. */
public final class OrderMessage {
}
