package io.batchcast.benchmark.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ProcStatTest {

    @Test
    void addsUserAndSystemTicksOfAPostgresBackendWhoseNameHasSpaces() {
        String walwriter = "2215 (postgres: 15/main: walwriter) S 2211 2215 2215 0 -1 4210752 205 0 0 0 "
                + "37 142 0 0 20 0 1 0 3321 222445568 1790 18446744073709551615 1 1 0 0 0 0 0 16781312 0";

        assertEquals(179, ProcStat.cpuTicks(walwriter));
    }

    @Test
    void countsFieldsFromTheLastParenthesisOfTheCommandName() {
        // a command name may hold ") " itself: fields are counted after the last ')'
        String odd = "77 (evil) 1 2 3) R 1 77 77 0 -1 0 0 0 0 0 1234 5678 9 9 20 0 1 0 100 0 0";

        assertEquals(6_912, ProcStat.cpuTicks(odd));
    }

    @Test
    void ticksAreHundredthsOfASecond() {
        assertEquals(1_790_000_000L, ProcStat.ticksToNanos(179));
    }

    @Test
    void refusesALineWithoutUtimeAndStime() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ProcStat.cpuTicks("12 (short) S 1 2 3"));

        assertEquals("a /proc/<pid>/stat line with 6 fields, utime and stime are 14 and 15: 12 (short) S 1 2 3",
                e.getMessage());
    }

    @Test
    void readsALiveProcessAndNothingForAGoneOne() {
        OptionalLong self = ProcStat.cpuNanos(ProcessHandle.current().pid());

        assertTrue(self.isPresent() && self.getAsLong() > 0, "this JVM has used CPU: " + self);
        assertEquals(OptionalLong.empty(), ProcStat.cpuNanos(Integer.MAX_VALUE));
    }
}
