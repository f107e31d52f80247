package io.batchcast.archfixtures.domainpurity.domain;

import java.net.URI;

/** Planted: java.net is part of the JDK but still banned from the domain. */
public record VenueAddress(URI endpoint) {
}
