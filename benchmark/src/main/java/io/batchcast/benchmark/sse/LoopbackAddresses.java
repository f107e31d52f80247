package io.batchcast.benchmark.sse;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Source addresses for many connections to one loopback server port. One source address offers only the ephemeral
 * port range (about 28,000 ports here), so beyond {@code perAddress} connections the readers bind to 127.0.0.2,
 * 127.0.0.3, ... (all of 127.0.0.0/8 is loopback on Linux).
 */
public record LoopbackAddresses(int perAddress) {

    public LoopbackAddresses {
        if (perAddress <= 0) {
            throw new IllegalArgumentException("perAddress must be positive, was " + perAddress);
        }
    }

    public static LoopbackAddresses defaults() {
        return new LoopbackAddresses(20_000);
    }

    /** Null (let the kernel choose) for the first {@code perAddress} connections, then 127.0.0.2 and up. */
    public InetAddress sourceFor(int connection) {
        int block = connection / perAddress;
        if (block == 0) {
            return null;
        }
        if (block > 253) {
            throw new IllegalArgumentException("connection " + connection + " needs more than 254 source addresses");
        }
        try {
            return InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) (block + 1)});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
