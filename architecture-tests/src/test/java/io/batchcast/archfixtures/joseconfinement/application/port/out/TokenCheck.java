package io.batchcast.archfixtures.joseconfinement.application.port.out;

/** Valid: the port speaks plain Java. */
public interface TokenCheck {

    String userId(String token);
}
