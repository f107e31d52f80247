package io.batchcast.adapter.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ColumnsTest {

    private static final DateTimeFormatter FIXED_WIDTH =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    @Test
    void sqliteInstantsAreFixedWidthUtcWithMicroseconds() {
        assertEquals("2026-12-02T05:49:25.510909Z",
                Columns.sqliteText(Instant.parse("2026-12-02T05:49:25.510909999Z")));
        assertEquals("2026-01-01T00:00:00.000000Z", Columns.sqliteText(Instant.parse("2026-01-01T00:00:00Z")));
        assertEquals("0001-02-03T04:05:06.000007Z", Columns.sqliteText(Instant.parse("0001-02-03T04:05:06.000007Z")));
        assertEquals("9999-12-31T23:59:59.999999Z", Columns.sqliteText(Instant.parse("9999-12-31T23:59:59.999999Z")));
        assertEquals("1970-01-01T00:00:00.000001Z", Columns.sqliteText(Instant.ofEpochSecond(0, 1_999)));
    }

    /** The same text as the formatter, for any instant of the years 0001–9999, and text order is time order. */
    @Test
    void sqliteInstantsMatchTheFormatterAndSortAsTheyHappened() {
        SplittableRandom random = new SplittableRandom(20261202);
        long from = Instant.parse("0001-01-01T00:00:00Z").getEpochSecond();
        long to = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
        String previous = null;
        Instant previousInstant = null;
        for (int i = 0; i < 20_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(from, to), random.nextInt(1_000_000_000));
            String text = Columns.sqliteText(instant);
            assertEquals(FIXED_WIDTH.format(Columns.storable(instant)), text);
            assertEquals(Columns.storable(instant), Instant.parse(text));
            if (previous != null) {
                assertEquals(Integer.signum(Columns.storable(instant).compareTo(previousInstant)),
                        Integer.signum(text.compareTo(previous)), text + " against " + previous);
            }
            previous = text;
            previousInstant = Columns.storable(instant);
        }
    }
}
