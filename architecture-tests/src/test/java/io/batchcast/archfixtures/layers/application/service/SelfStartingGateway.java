package io.batchcast.archfixtures.layers.application.service;

import io.batchcast.archfixtures.layers.bootstrap.Main;

/** Planted: the application reaching out to the composition root. */
public class SelfStartingGateway {

    void start() {
        Main.main(new String[0]);
    }
}
