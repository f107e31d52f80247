package io.batchcast.archfixtures.jdbcconfinement.adapter.exchange;

import java.sql.Timestamp;

/** Planted: java.sql types outside adapter-persistence. */
public class FillJournal {

    Timestamp filledAt;
}
