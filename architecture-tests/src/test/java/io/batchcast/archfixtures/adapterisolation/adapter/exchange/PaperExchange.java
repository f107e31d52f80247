package io.batchcast.archfixtures.adapterisolation.adapter.exchange;

/** Valid: an adapter that knows no other adapter. */
public class PaperExchange {
}
