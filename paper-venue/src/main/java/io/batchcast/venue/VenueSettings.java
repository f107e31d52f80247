package io.batchcast.venue;

import io.batchcast.adapter.exchange.PaperExchangeSettings;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How the paper venue runs.
 *
 * @param host          the address the acceptor listens on ({@code 0.0.0.0}: every interface)
 * @param port          the FIX port; 0 picks a free one ({@link PaperVenue#port()} tells which)
 * @param dataDirectory where the venue's H2 database lives (order book and FIX session store)
 * @param compId        the venue's CompID; gateways log on with it as TargetCompID and any SenderCompID of their own
 * @param rules         the paper exchange's trading rules and latency (its {@code closedOrderMemory} does not apply:
 *                      the book keeps every order)
 * @param idPrefixIfNew the prefix of order ids when the book is new; an existing book keeps its own
 */
public record VenueSettings(
        String host, int port, Path dataDirectory, String compId, PaperExchangeSettings rules, String idPrefixIfNew) {

    public static final String DEFAULT_HOST = "0.0.0.0";
    public static final int DEFAULT_PORT = 9878;
    public static final Path DEFAULT_DATA_DIRECTORY = Path.of("data", "venue");
    public static final String DEFAULT_COMP_ID = "PAPERVENUE";

    private static final Pattern COMP_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern ID_PREFIX = Pattern.compile("[A-Za-z0-9._:-]{1,32}");
    private static final String ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz";

    public VenueSettings {
        Objects.requireNonNull(host, "host");
        if (host.isBlank()) {
            throw new IllegalArgumentException("host must not be empty");
        }
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be between 0 and 65535, was " + port);
        }
        Objects.requireNonNull(dataDirectory, "dataDirectory");
        if (compId == null || !COMP_ID.matcher(compId).matches()) {
            throw new IllegalArgumentException("compId must be 1-64 of [A-Za-z0-9._-], was '" + compId + "'");
        }
        Objects.requireNonNull(rules, "rules");
        if (idPrefixIfNew == null || !ID_PREFIX.matcher(idPrefixIfNew).matches()) {
            throw new IllegalArgumentException("the order id prefix must be 1-32 of [A-Za-z0-9._:-], was '"
                    + idPrefixIfNew + "'");
        }
    }

    /** Port 9878 on every interface, ./data/venue, CompID PAPERVENUE, no latency, every symbol, a random prefix. */
    public static VenueSettings defaults() {
        return new VenueSettings(DEFAULT_HOST, DEFAULT_PORT, DEFAULT_DATA_DIRECTORY, DEFAULT_COMP_ID,
                PaperExchangeSettings.defaults(), randomIdPrefix());
    }

    /** {@code PV-<8 random base-36 characters>-}: a new book's ids never collide with an older book's. */
    public static String randomIdPrefix() {
        SecureRandom random = new SecureRandom();
        StringBuilder prefix = new StringBuilder("PV-");
        for (int i = 0; i < 8; i++) {
            prefix.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return prefix.append('-').toString();
    }

    public VenueSettings withAddress(String newHost, int newPort) {
        return new VenueSettings(newHost, newPort, dataDirectory, compId, rules, idPrefixIfNew);
    }

    public VenueSettings withDataDirectory(Path directory) {
        return new VenueSettings(host, port, directory, compId, rules, idPrefixIfNew);
    }

    public VenueSettings withCompId(String newCompId) {
        return new VenueSettings(host, port, dataDirectory, newCompId, rules, idPrefixIfNew);
    }

    public VenueSettings withRules(PaperExchangeSettings newRules) {
        return new VenueSettings(host, port, dataDirectory, compId, newRules, idPrefixIfNew);
    }

    public VenueSettings withIdPrefixIfNew(String prefix) {
        return new VenueSettings(host, port, dataDirectory, compId, rules, prefix);
    }

    /** The JDBC URL of the venue's database (H2's {@code retry:} file system: an interrupted write does not close it). */
    String jdbcUrl() {
        return "jdbc:h2:retry:file:" + dataDirectory.toAbsolutePath().normalize().resolve("venue") + ";WRITE_DELAY=0";
    }
}
