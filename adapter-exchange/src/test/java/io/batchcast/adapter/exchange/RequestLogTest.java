package io.batchcast.adapter.exchange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.batchcast.domain.OrderStatus;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RequestLogTest {

    private record Key(long strategyId, String id) {
    }

    private record Did(int order, OrderStatus statusAfter) {
    }

    @Test
    void findsWhatEachRequestDidByStrategyAndId() {
        RequestLog log = new RequestLog(10);
        log.put(7, "b1-0", 1, OrderStatus.OPEN);
        log.put(7, "b1-1", 2, OrderStatus.FILLED);
        log.put(8, "b1-0", 3, OrderStatus.OPEN);

        assertEquals(new Did(1, OrderStatus.OPEN), did(log, 7, "b1-0"));
        assertEquals(new Did(2, OrderStatus.FILLED), did(log, 7, "b1-1"));
        assertEquals(new Did(3, OrderStatus.OPEN), did(log, 8, "b1-0"));
        assertEquals(-1, log.find(7, "b1-2"));
        assertEquals(-1, log.find(9, "b1-0"));
        assertEquals(-1, log.find(7, "b1-"), "a prefix of a stored id");
        assertEquals(3, log.size());
    }

    @Test
    void idsTooLongOrBeyondLatin1AreKeptWhole() {
        RequestLog log = new RequestLog(10);
        String longId = "x".repeat(RequestLog.INLINE_ID_CHARS) + "y";
        String longIdOtherEnd = "x".repeat(RequestLog.INLINE_ID_CHARS) + "z";
        log.put(1, longId, 1, OrderStatus.OPEN);
        log.put(1, "ordre-€", 2, OrderStatus.OPEN);
        log.put(1, "x".repeat(RequestLog.INLINE_ID_CHARS), 3, OrderStatus.OPEN);
        log.put(1, "café", 4, OrderStatus.OPEN);

        assertEquals(1, did(log, 1, longId).order());
        assertEquals(-1, log.find(1, longIdOtherEnd));
        assertEquals(2, did(log, 1, "ordre-€").order());
        assertEquals(-1, log.find(1, "ordre-¬"), "€ (U+20AC) must not match ¬ (U+00AC), its low byte");
        assertEquals(3, did(log, 1, "x".repeat(RequestLog.INLINE_ID_CHARS)).order());
        assertEquals(4, did(log, 1, "café").order());
    }

    @Test
    void forgetsTheOldestFirstAndARepeatedRequestKeepsItsPlace() {
        RequestLog log = new RequestLog(3);
        log.put(1, "a", 1, OrderStatus.OPEN);
        log.put(1, "b", 2, OrderStatus.OPEN);
        log.put(1, "c", 3, OrderStatus.OPEN);
        log.put(1, "a", 1, OrderStatus.CANCELLED);
        log.put(1, "d", 4, OrderStatus.OPEN);

        assertEquals(-1, log.find(1, "a"), "updating a did not make it newer");
        assertEquals(new Did(2, OrderStatus.OPEN), did(log, 1, "b"));
        assertEquals(new Did(4, OrderStatus.OPEN), did(log, 1, "d"));
        assertEquals(3, log.size());
    }

    /**
     * Four slots have a table of eight entries. An id at the table's last entry is forgotten while an id whose home
     * is the first entry sits there: the second must stay where it is, not be shifted back across the end.
     */
    @Test
    void forgettingAnIdAtTheTablesEndKeepsTheIdAtItsStartFindable() {
        RequestLog log = new RequestLog(4);
        String atEnd = idWithHome(7, 0);
        String atStart = idWithHome(0, 0);
        log.put(1, atEnd, 1, OrderStatus.OPEN);
        log.put(1, atStart, 2, OrderStatus.OPEN);
        log.put(1, idWithHome(3, 0), 3, OrderStatus.OPEN);
        log.put(1, idWithHome(3, 1), 4, OrderStatus.OPEN);
        log.put(1, idWithHome(4, 0), 5, OrderStatus.OPEN);

        assertEquals(-1, log.find(1, atEnd));
        assertEquals(new Did(2, OrderStatus.OPEN), did(log, 1, atStart));
        assertEquals(new Did(5, OrderStatus.OPEN), did(log, 1, idWithHome(4, 0)));
    }

    /** The {@code skip}-th id "k<n>" of strategy 1 whose home in an eight-entry table is {@code home}. */
    private static String idWithHome(int home, int skip) {
        for (int n = 0, found = 0; ; n++) {
            if ((RequestLog.hash(1, "k" + n) & 7) == home && found++ == skip) {
                return "k" + n;
            }
        }
    }

    /** Against a LinkedHashMap, with colliding hashes, growth and many evictions; new requests through putNew. */
    @Test
    void behavesLikeABoundedInsertionOrderedMap() {
        int capacity = 3_000;
        RequestLog log = new RequestLog(capacity);
        Map<Key, Did> model = new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, Did> eldest) {
                return size() > capacity;
            }
        };
        Random random = new Random(42);
        OrderStatus[] statuses = OrderStatus.values();
        for (int i = 0; i < 60_000; i++) {
            // "Aa" and "BB" have one String hash: ids built of them collide in the table's hash too.
            Key key = new Key(random.nextInt(3), (random.nextBoolean() ? "Aa" : "BB") + random.nextInt(6_000));
            if (random.nextInt(4) == 0) {
                assertEquals(model.get(key), did(log, key.strategyId(), key.id()), key.toString());
            } else {
                Did value = new Did(i, statuses[random.nextInt(statuses.length)]);
                if (model.containsKey(key)) {
                    log.put(key.strategyId(), key.id(), value.order(), value.statusAfter());
                } else {
                    log.putNew(key.strategyId(), key.id(), value.order(), value.statusAfter());
                }
                model.put(key, value);
            }
        }
        assertEquals(model.size(), log.size());
        for (long strategy = 0; strategy < 3; strategy++) {
            for (int n = 0; n < 6_000; n++) {
                for (String half : new String[] {"Aa", "BB"}) {
                    Key key = new Key(strategy, half + n);
                    assertEquals(model.get(key), did(log, strategy, key.id()), key.toString());
                }
            }
        }
    }

    @Test
    void capacityIsOneToItsMaximum() {
        var none = assertThrows(IllegalArgumentException.class, () -> new RequestLog(0));
        var tooMany = assertThrows(IllegalArgumentException.class, () -> new RequestLog(RequestLog.MAX_CAPACITY + 1));

        assertEquals("capacity must be 1-16777216, was 0", none.getMessage());
        assertEquals("capacity must be 1-16777216, was 16777217", tooMany.getMessage());
    }

    private static Did did(RequestLog log, long strategyId, String id) {
        int slot = log.find(strategyId, id);
        return slot < 0 ? null : new Did(log.order(slot), log.statusAfter(slot));
    }
}
