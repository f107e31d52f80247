package io.batchcast.adapter.persistence;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import org.sqlite.core.CorePreparedStatement;
import org.sqlite.core.CoreResultSet;

/**
 * Conversions between domain values and columns, the same on every database. H2 and PostgreSQL have types for
 * instants and exact decimals; SQLite has neither, so there an instant is fixed-width UTC text with microseconds
 * ({@code 2026-12-02T05:49:25.510909Z}: text order is time order, for every comparison and index) and a decimal is
 * its plain text ({@code 0.00000001}, never {@code 1E-8}). The statement or row itself tells which database it is
 * on (through HikariCP's proxies), so callers need not.
 */
final class Columns {

    private static final DateTimeFormatter SQLITE_INSTANT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    private Columns() {
    }

    /** Both databases keep microseconds; truncating here makes what we return equal to what we read back later. */
    static Instant storable(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }

    static void setInstant(PreparedStatement statement, int index, Instant instant) throws SQLException {
        if (onSqlite(statement)) {
            statement.setString(index, sqliteText(instant));
        } else {
            statement.setObject(index, OffsetDateTime.ofInstant(storable(instant), ZoneOffset.UTC));
        }
    }

    /**
     * An instant as SQLite stores it: fixed-width UTC text with microseconds, {@link #SQLITE_INSTANT}'s text. Written
     * digit by digit into one array for the years 0–9999: the formatter was 4% of the server's CPU per batch in the
     * ingest benchmark, and a string per field was 7% of all the server allocated in the latency benchmark.
     */
    static String sqliteText(Instant instant) {
        Instant micros = storable(instant);
        LocalDateTime t = LocalDateTime.ofEpochSecond(micros.getEpochSecond(), micros.getNano(), ZoneOffset.UTC);
        if (t.getYear() < 0 || t.getYear() > 9999) {
            return SQLITE_INSTANT.format(micros);
        }
        byte[] text = "0000-00-00T00:00:00.000000Z".getBytes(StandardCharsets.US_ASCII);
        digits(text, 0, t.getYear(), 4);
        digits(text, 5, t.getMonthValue(), 2);
        digits(text, 8, t.getDayOfMonth(), 2);
        digits(text, 11, t.getHour(), 2);
        digits(text, 14, t.getMinute(), 2);
        digits(text, 17, t.getSecond(), 2);
        digits(text, 20, t.getNano() / 1_000, 6);
        return new String(text, StandardCharsets.US_ASCII);
    }

    /** Writes {@code value} (non-negative, at most {@code width} digits) into {@code text[at, at + width)}. */
    private static void digits(byte[] text, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            text[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
    }

    static Instant getInstant(ResultSet row, String column) throws SQLException {
        Instant instant = getInstantOrNull(row, column);
        if (instant == null) {
            throw new SQLException("column " + column + " is NULL where an instant was expected");
        }
        return instant;
    }

    static Instant getInstantOrNull(ResultSet row, String column) throws SQLException {
        if (row.isWrapperFor(CoreResultSet.class)) {
            String text = row.getString(column);
            return text == null ? null : Instant.parse(text);
        }
        OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    static void setDecimal(PreparedStatement statement, int index, BigDecimal value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.DECIMAL);
        } else if (onSqlite(statement)) {
            statement.setString(index, value.toPlainString());
        } else {
            statement.setBigDecimal(index, value);
        }
    }

    private static boolean onSqlite(PreparedStatement statement) throws SQLException {
        return statement.isWrapperFor(CorePreparedStatement.class);
    }

    /**
     * The value exactly, in one canonical form on every database (H2's DECFLOAT drops trailing zeros, PostgreSQL's
     * NUMERIC and SQLite's text keep them): trailing fractional zeros removed, never in exponent form, so {@code 1.50} reads back as
     * {@code 1.5} and {@code 100} as {@code 100}.
     */
    static BigDecimal getDecimal(ResultSet row, String column) throws SQLException {
        BigDecimal value = row.getBigDecimal(column);
        return value == null ? null : canonical(value);
    }

    static BigDecimal canonical(BigDecimal value) {
        BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    static void setLong(PreparedStatement statement, int index, Long value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.BIGINT);
        } else {
            statement.setLong(index, value);
        }
    }

    static Long getLong(ResultSet row, String column) throws SQLException {
        long value = row.getLong(column);
        return row.wasNull() ? null : value;
    }

    static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }

    static <E extends Enum<E>> E getEnum(ResultSet row, String column, Class<E> type) throws SQLException {
        String value = row.getString(column);
        return value == null ? null : Enum.valueOf(type, value);
    }
}
