package io.batchcast.adapter.exchange;

import io.batchcast.domain.OrderStatus;
import java.util.Arrays;

/**
 * What each accepted request did, by strategy and venue client order id: the order it placed or cancelled and that
 * order's status right after. Bounded: beyond {@code capacity} requests the oldest is forgotten first.
 *
 * <p>Kept in flat arrays indexed by a slot, with an open-addressing hash table of slots, not as objects: a benchmark
 * run keeps hundreds of thousands of requests for over a minute, and as map entries (an entry, a key, its id string
 * and a value, about 150 bytes each) they were most of what every young collection of the server marked and copied.
 * An id of up to {@value #INLINE_ID_CHARS} Latin-1 characters (every id the gateway derives is one) is stored in
 * the slot's bytes; a longer one is kept as its string. Not thread-safe: the book's lock guards it.
 */
final class RequestLog {

    /** Ids up to this length, of characters up to U+00FF, are stored as bytes in their slot. */
    static final int INLINE_ID_CHARS = 32;
    /** The most requests one log remembers (16,777,216: 512 MiB of inline ids). */
    static final int MAX_CAPACITY = 1 << 24;
    private static final int FIRST_SLOTS = 1024;
    private static final byte NOT_INLINE = -1;
    private static final OrderStatus[] STATUSES = OrderStatus.values();

    private final int capacity;
    /** Slots in use; they are 0 … size-1. */
    private int size;
    /** Where the next new request goes once the log is full: the oldest slot. */
    private int oldest;
    private long[] strategies;
    private int[] orders;
    private byte[] statuses;
    private int[] hashes;
    /** Per slot: the inline id's length, or {@link #NOT_INLINE}. */
    private byte[] idLengths;
    private byte[] idBytes;
    /** Ids that are not inline, by slot; null until there is one. */
    private String[] longIds;
    /** Slot + 1 per entry, 0 where empty; linear probing; at most half full. */
    private int[] table;

    RequestLog(int capacity) {
        if (capacity < 1 || capacity > MAX_CAPACITY) {
            throw new IllegalArgumentException("capacity must be 1-" + MAX_CAPACITY + ", was " + capacity);
        }
        this.capacity = capacity;
        allocate(Math.min(capacity, FIRST_SLOTS));
    }

    /** The slot of the request with this id, or -1 when none is remembered. */
    int find(long strategyId, String venueClientOrderId) {
        int hash = hash(strategyId, venueClientOrderId);
        int mask = table.length - 1;
        for (int i = hash & mask; table[i] != 0; i = (i + 1) & mask) {
            int slot = table[i] - 1;
            if (hashes[slot] == hash && strategies[slot] == strategyId && idEquals(slot, venueClientOrderId)) {
                return slot;
            }
        }
        return -1;
    }

    int order(int slot) {
        return orders[slot];
    }

    OrderStatus statusAfter(int slot) {
        return STATUSES[statuses[slot]];
    }

    /** Remembers what the request did; a request already remembered keeps its place in the order of forgetting. */
    void put(long strategyId, String venueClientOrderId, int order, OrderStatus statusAfter) {
        int slot = find(strategyId, venueClientOrderId);
        if (slot < 0) {
            putNew(strategyId, venueClientOrderId, order, statusAfter);
            return;
        }
        orders[slot] = order;
        statuses[slot] = (byte) statusAfter.ordinal();
    }

    /**
     * Remembers a request that {@link #find} has just not found, under the same lock: without looking it up again. A
     * request that is remembered already must go through {@link #put}, or it would be remembered twice.
     */
    void putNew(long strategyId, String venueClientOrderId, int order, OrderStatus statusAfter) {
        int slot = newSlot();
        strategies[slot] = strategyId;
        hashes[slot] = hash(strategyId, venueClientOrderId);
        storeId(slot, venueClientOrderId);
        insert(slot);
        orders[slot] = order;
        statuses[slot] = (byte) statusAfter.ordinal();
    }

    int size() {
        return size;
    }

    private int newSlot() {
        if (size < capacity) {
            if (size == strategies.length) {
                grow();
            }
            return size++;
        }
        int slot = oldest;
        oldest = (oldest + 1) % capacity;
        remove(slot);
        if (longIds != null) {
            longIds[slot] = null;
        }
        return slot;
    }

    private void storeId(int slot, String id) {
        int length = id.length();
        boolean inline = length <= INLINE_ID_CHARS;
        for (int i = 0; inline && i < length; i++) {
            inline = id.charAt(i) <= 0xFF;
        }
        if (!inline) {
            if (longIds == null) {
                longIds = new String[strategies.length];
            }
            idLengths[slot] = NOT_INLINE;
            longIds[slot] = id;
            return;
        }
        int base = slot * INLINE_ID_CHARS;
        for (int i = 0; i < length; i++) {
            idBytes[base + i] = (byte) id.charAt(i);
        }
        idLengths[slot] = (byte) length;
    }

    private boolean idEquals(int slot, String id) {
        int length = idLengths[slot];
        if (length == NOT_INLINE) {
            return id.equals(longIds[slot]);
        }
        if (id.length() != length) {
            return false;
        }
        int base = slot * INLINE_ID_CHARS;
        for (int i = 0; i < length; i++) {
            if (id.charAt(i) != (char) (idBytes[base + i] & 0xFF)) {
                return false;
            }
        }
        return true;
    }

    private void insert(int slot) {
        int mask = table.length - 1;
        int i = hashes[slot] & mask;
        while (table[i] != 0) {
            i = (i + 1) & mask;
        }
        table[i] = slot + 1;
    }

    /** Takes the slot out of the table, shifting back the entries after it that probed past it (Knuth's R). */
    private void remove(int slot) {
        int mask = table.length - 1;
        int hole = hashes[slot] & mask;
        while (table[hole] != slot + 1) {
            hole = (hole + 1) & mask;
        }
        for (int j = (hole + 1) & mask; table[j] != 0; j = (j + 1) & mask) {
            int home = hashes[table[j] - 1] & mask;
            boolean homeAfterHole = hole < j ? home > hole && home <= j : home > hole || home <= j;
            if (!homeAfterHole) {
                table[hole] = table[j];
                hole = j;
            }
        }
        table[hole] = 0;
    }

    private void grow() {
        int slots = (int) Math.min((long) strategies.length * 2, capacity);
        strategies = Arrays.copyOf(strategies, slots);
        orders = Arrays.copyOf(orders, slots);
        statuses = Arrays.copyOf(statuses, slots);
        hashes = Arrays.copyOf(hashes, slots);
        idLengths = Arrays.copyOf(idLengths, slots);
        idBytes = Arrays.copyOf(idBytes, slots * INLINE_ID_CHARS);
        if (longIds != null) {
            longIds = Arrays.copyOf(longIds, slots);
        }
        table = new int[tableLength(slots)];
        for (int slot = 0; slot < size; slot++) {
            insert(slot);
        }
    }

    private void allocate(int slots) {
        strategies = new long[slots];
        orders = new int[slots];
        statuses = new byte[slots];
        hashes = new int[slots];
        idLengths = new byte[slots];
        idBytes = new byte[slots * INLINE_ID_CHARS];
        table = new int[tableLength(slots)];
    }

    /** A power of two of at least twice the slots, so the table is at most half full. */
    private static int tableLength(int slots) {
        return Integer.highestOneBit(Math.max(slots, 1) * 2 - 1) << 1;
    }

    /** The table is indexed by the low bits of this hash. */
    static int hash(long strategyId, String id) {
        int h = Long.hashCode(strategyId * 0x9E3779B97F4A7C15L) * 31 + id.hashCode();
        h ^= h >>> 16;
        h *= 0x85EBCA6B;
        return h ^ (h >>> 13);
    }
}
