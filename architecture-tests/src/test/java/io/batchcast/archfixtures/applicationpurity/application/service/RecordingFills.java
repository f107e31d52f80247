package io.batchcast.archfixtures.applicationpurity.application.service;

import java.sql.Connection;

/** Planted: a JDBC connection held by a use case. */
public class RecordingFills {

    Connection connection;
}
