package io.batchcast.adapter.persistence;

/**
 * The column widths of the schema (V1__event_store.sql), checked before writing so that an over-long value fails as
 * bad input naming the field, not as an unavailable database.
 */
final class ColumnLimits {

    static final int ID = 255;
    static final int NAME = 255;
    static final int SYMBOL = 64;

    private ColumnLimits() {
    }

    static String check(String field, String value, int max) {
        if (value != null && value.length() > max) {
            throw new IllegalArgumentException(
                    field + " must be at most " + max + " characters, was " + value.length());
        }
        return value;
    }
}
