package io.batchcast.venue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.batchcast.adapter.exchange.PaperExchangeSettings;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VenueCommandTest {

    @TempDir
    Path dir;

    @Test
    void everyFlagReachesTheSettings() {
        VenueSettings settings = VenueCommand.parse(new String[] {"--port", "9000", "--host", "127.0.0.1",
                "--data", "/tmp/v", "--latency", "PT0.5S", "--comp-id", "VENUE2", "--allowed-symbols",
                "BTC-USDT, ETH-USDT", "--max-notional", "250000", "--id-prefix", "PV-demo-"});

        assertEquals(new VenueSettings("127.0.0.1", 9000, Path.of("/tmp/v"), "VENUE2",
                PaperExchangeSettings.defaults().withLatency(Duration.ofMillis(500))
                        .withAllowedSymbols(List.of("BTC-USDT", "ETH-USDT"))
                        .withMaxNotional(new BigDecimal("250000")), "PV-demo-"), settings);
    }

    @Test
    void withoutFlagsItListensOn9878WithItsBookInDataVenue() {
        VenueSettings settings = VenueCommand.parse(new String[0]);

        assertEquals("0.0.0.0", settings.host());
        assertEquals(9878, settings.port());
        assertEquals(Path.of("data", "venue"), settings.dataDirectory());
        assertEquals("PAPERVENUE", settings.compId());
        assertEquals(PaperExchangeSettings.defaults(), settings.rules());
        assertTrue(settings.idPrefixIfNew().matches("PV-[a-z0-9]{8}-"), settings.idPrefixIfNew());
    }

    @Test
    void helpPrintsTheFlagsAndExitsZero() {
        Output output = new Output();

        assertNull(VenueCommand.parse(new String[] {"--help"}));
        assertEquals(0, VenueCommand.run(new String[] {"--help"}, output.out, output.err));
        assertEquals(VenueCommand.USAGE, output.out());
        assertEquals("", output.err());
    }

    @Test
    void aBadFlagOrValueExitsTwoSayingWhy() {
        Output unknown = new Output();
        assertEquals(2, VenueCommand.run(new String[] {"--prot", "9000"}, unknown.out, unknown.err));
        assertEquals("unknown option --prot\n" + VenueCommand.USAGE, unknown.err());

        Output latency = new Output();
        assertEquals(2, VenueCommand.run(new String[] {"--latency", "500ms"}, latency.out, latency.err));
        assertEquals("--latency takes an ISO-8601 duration such as PT0.5S, was '500ms'\n" + VenueCommand.USAGE,
                latency.err());

        Output port = new Output();
        assertEquals(2, VenueCommand.run(new String[] {"--port", "70000"}, port.out, port.err));
        assertEquals("port must be between 0 and 65535, was 70000\n" + VenueCommand.USAGE, port.err());
    }

    @Test
    void theListeningLineSaysWhereAndWhatItStores() {
        try (PaperVenue venue = PaperVenue.start(Fixtures.venue(0, dir.resolve("venue")))) {
            assertEquals("Paper venue listening for FIX 4.4 on 127.0.0.1:" + venue.port() + " as PAPERVENUE (latency PT0S);"
                    + " book and session store in " + dir.resolve("venue").toAbsolutePath() + ", order ids PV-t-<n>",
                    VenueCommand.listening(venue));
            assertTrue(venue.port() > 0, "port 0 picks a free port");
        }
    }

    private static final class Output {
        private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
        private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
        final PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
        final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);

        String out() {
            return outBytes.toString(StandardCharsets.UTF_8);
        }

        String err() {
            return errBytes.toString(StandardCharsets.UTF_8);
        }
    }
}
