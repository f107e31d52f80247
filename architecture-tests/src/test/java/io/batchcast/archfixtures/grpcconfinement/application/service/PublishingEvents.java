package io.batchcast.archfixtures.grpcconfinement.application.service;

import com.google.protobuf.Timestamp;

/** Planted: a service building a protobuf timestamp. */
public class PublishingEvents {

    Timestamp timestamp;
}
