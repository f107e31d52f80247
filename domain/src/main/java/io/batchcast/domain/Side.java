package io.batchcast.domain;

public enum Side {
    BUY,
    SELL
}
