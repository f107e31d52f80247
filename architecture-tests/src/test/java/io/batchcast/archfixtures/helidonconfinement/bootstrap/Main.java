package io.batchcast.archfixtures.helidonconfinement.bootstrap;

import io.helidon.config.Config;

/** Valid: the composition root reads the configuration. */
public final class Main {

    Config config;
}
