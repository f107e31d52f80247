package io.batchcast.benchmark.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class ProcessMemoryTest {

    @Test
    void readsVmRssInBytes() {
        String status = "Name:\tjava\nVmPeak:\t 9000 kB\nVmRSS:\t  123456 kB\nRssAnon:\t 1 kB\n";

        assertEquals(123_456L * 1024, ProcessMemory.parseRss(status));
    }

    @Test
    void readsTheHeapInUseFromG1HeapInfo() {
        String heapInfo = """
                12345:
                 garbage-first heap   total reserved 6291456K, committed 262144K, used 48213K [0x0000000640000000, 0x0000000800000000)
                  region size 4096K, 1 young (4096K), 0 survivors (0K)
                 Metaspace       used 30000K, committed 30500K, reserved 1114112K
                """;

        assertEquals(48_213L * 1024, ProcessMemory.parseHeapUsed(heapInfo));
    }

    @Test
    void readsBytesPerClassFromAClassHistogram() {
        String histogram = """
                3127:
                 num     #instances         #bytes  class name (module)
                -------------------------------------------------------
                   1:        316860      225280168  [B (java.base@25.0.3)
                   2:         30001        9600320  [Lio.helidon.http.Header;
                Total       1000000      300000000
                """;

        assertEquals(java.util.Map.of("[B", 225_280_168L, "[Lio.helidon.http.Header;", 9_600_320L),
                ProcessMemory.parseClassHistogram(histogram));
    }

    @Test
    void measuresThisVeryProcess() throws IOException {
        long pid = ProcessHandle.current().pid();

        assertTrue(ProcessMemory.rssBytes(pid) > 0);
        assertTrue(ProcessMemory.openFiles(pid) > 0);
    }
}
