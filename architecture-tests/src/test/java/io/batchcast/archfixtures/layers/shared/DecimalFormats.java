package io.batchcast.archfixtures.layers.shared;

/** Planted: a class in no module, the home of a "shared utilities" package that every module would end up using. */
public final class DecimalFormats {
}
