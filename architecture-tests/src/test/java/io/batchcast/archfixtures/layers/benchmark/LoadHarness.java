package io.batchcast.archfixtures.layers.benchmark;

import io.batchcast.archfixtures.layers.bootstrap.Main;

/** Valid: the benchmark is a composition root too; it may start the product it measures. */
public final class LoadHarness {

    public static void main(String[] args) {
        Main.main(args);
    }
}
