package io.batchcast.benchmark.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProcessMemoryTest {

    @Test
    void readsVmRssInBytes() {
        String status = "Name:\tjava\nVmPeak:\t 9000 kB\nVmRSS:\t  123456 kB\nRssAnon:\t 1 kB\n";

        assertEquals(123_456L * 1024, ProcessMemory.parseRss(status));
    }

    /** Real jcmd output of a JDK 25 process on G1 (rows 4 to 838 left out). */
    @Test
    void readsTheLiveHeapAndItsClassesFromAG1Histogram() {
        String histogram = """
                11666:
                 num     #instances         #bytes  class name (module)
                -------------------------------------------------------
                   1:         15571        1764792  [B (java.base@25.0.3)
                   2:          3351         432304  java.lang.Class (java.base@25.0.3)
                   3:         15311         367464  java.lang.String (java.base@25.0.3)
                 839:             1             16  sun.nio.fs.NativeBuffers$1 (java.base@25.0.3)
                Total         67578        4013392
                """;

        ProcessMemory.LiveHeap heap = ProcessMemory.parseLiveHeap(histogram);

        assertEquals(4_013_392L, heap.bytes());
        assertEquals(Map.of("[B", 1_764_792L, "java.lang.Class", 432_304L, "java.lang.String", 367_464L,
                "sun.nio.fs.NativeBuffers$1", 16L), heap.bytesByClass());
    }

    /**
     * Real jcmd output of a JDK 25 process on ZGC (rows 4 to 828 left out), whose GC.heap_info says only
     * "ZHeap used 62M, capacity 378M, max capacity 6028M": the histogram reads the same whatever the collector.
     */
    @Test
    void readsTheLiveHeapFromAZgcHistogram() {
        String histogram = """
                11887:
                 num     #instances         #bytes  class name (module)
                -------------------------------------------------------
                   1:          9823        1495872  [B (java.base@25.0.3)
                   2:          2866         585536  java.lang.Class (java.base@25.0.3)
                   3:          9627         308064  java.lang.String (java.base@25.0.3)
                 829:             1             16  sun.nio.fs.NativeBuffers$1 (java.base@25.0.3)
                Total         52432        4169968
                """;

        ProcessMemory.LiveHeap heap = ProcessMemory.parseLiveHeap(histogram);

        assertEquals(4_169_968L, heap.bytes());
        assertEquals(1_495_872L, heap.bytesByClass().get("[B"));
        assertEquals(4, heap.bytesByClass().size());
    }

    @Test
    void sumsTheRowsOfAClassNamedTwice() {
        String histogram = """
                3127:
                 num     #instances         #bytes  class name (module)
                -------------------------------------------------------
                   1:        316860      225280168  [B (java.base@25.0.3)
                   2:         30001        9600320  [Lio.helidon.http.Header;
                   3:            10            320  [Lio.helidon.http.Header;
                Total        346871      234880808
                """;

        assertEquals(Map.of("[B", 225_280_168L, "[Lio.helidon.http.Header;", 9_600_640L),
                ProcessMemory.parseLiveHeap(histogram).bytesByClass());
    }

    @Test
    void refusesOutputWithoutATotal() {
        assertThrows(IllegalStateException.class, () -> ProcessMemory.parseLiveHeap(
                "11887:\n ZHeap            used 62M, capacity 378M, max capacity 6028M\n"));
    }

    @Test
    void measuresThisVeryProcess() throws IOException {
        long pid = ProcessHandle.current().pid();

        assertTrue(ProcessMemory.rssBytes(pid) > 0);
        assertTrue(ProcessMemory.openFiles(pid) > 0);
    }
}
