package io.batchcast.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Properties of the aggregation, each checked on {@value #CASES} random batches. Every case is generated from its own
 * seed ({@code new Random(seed)}), and a failure names that seed and the batch, so it can be replayed exactly: run
 * with {@code -Dbatchcast.seed=<seed>} to check only that case. The first cases are the edges (an empty batch, one
 * operation, all of one outcome); the rest have 0 to {@value #MAX_OPERATIONS} operations of random outcome and type,
 * including rejected cancels of unknown orders, which have no type.
 */
class BatchAggregationPropertiesTest {

    private static final int CASES = 1000;
    private static final int MAX_OPERATIONS = 200;
    private static final long FIRST_SEED = 20_261_201L;
    private static final StreamKey STREAM = new StreamKey("u", 1);

    @Test
    void sumsMatchTheSuccessfulOperationsOfEachType() {
        forEachCase(results -> {
            List<OrderTypeSummary> summaries = BatchAggregation.summarize(results);
            for (OrderType type : OrderType.values()) {
                long created = results.stream()
                        .filter(r -> r.outcome() == OperationOutcome.CREATED && r.orderType() == type).count();
                long cancelled = results.stream()
                        .filter(r -> r.outcome() == OperationOutcome.CANCELLED && r.orderType() == type).count();
                OrderTypeSummary summary = summaries.stream().filter(s -> s.orderType() == type).findFirst()
                        .orElse(new OrderTypeSummary(type, 0, 0));
                assertEquals(created, summary.created(), "created " + type);
                assertEquals(cancelled, summary.cancelled(), "cancelled " + type);
            }
        });
    }

    @Test
    void noSummaryIsEmpty() {
        forEachCase(results -> assertTrue(
                BatchAggregation.summarize(results).stream().noneMatch(OrderTypeSummary::isEmpty),
                "an empty summary in " + BatchAggregation.summarize(results)));
    }

    @Test
    void summariesFollowTheFixedTypeOrderOncePerType() {
        forEachCase(results -> {
            List<Integer> ordinals = BatchAggregation.summarize(results).stream()
                    .map(s -> s.orderType().ordinal()).toList();
            List<Integer> sorted = new ArrayList<>(ordinals);
            sorted.sort(null);
            assertEquals(sorted, ordinals, "order types out of order");
            assertEquals(ordinals.size(), ordinals.stream().distinct().count(), "an order type twice");
        });
    }

    @Test
    void theOrderOfTheOperationsDoesNotChangeTheSummaries() {
        forEachCase(results -> {
            List<OperationResult> shuffled = new ArrayList<>(results);
            Collections.shuffle(shuffled, new Random(results.size()));
            assertEquals(BatchAggregation.summarize(results), BatchAggregation.summarize(shuffled));
        });
    }

    @Test
    void anEventExistsExactlyWhenSomethingSucceededAndCarriesTheSummaries() {
        forEachCase(results -> {
            boolean anySuccess = results.stream().anyMatch(OperationResult::succeeded);
            Optional<OrderBatchEvent> event = OrderBatchEvent.of(results, STREAM, "b", Instant.EPOCH);
            assertEquals(anySuccess, event.isPresent(), "event present");
            event.ifPresent(e -> assertEquals(BatchAggregation.summarize(results), e.summaries()));
        });
    }

    @Test
    void emptyInputHasNoEvent() {
        assertTrue(BatchAggregation.summarize(List.of()).isEmpty());
        assertFalse(OrderBatchEvent.of(List.of(), STREAM, "b", Instant.EPOCH).isPresent());
    }

    @Test
    void theGeneratorCoversEveryOutcomeTypeAndTheEdges() {
        // guards the properties above against a generator that stopped producing some kind of input
        Set<Integer> sizes = new HashSet<>();
        Set<String> kinds = new HashSet<>();
        for (long seed : seeds()) {
            List<OperationResult> results = batch(seed);
            sizes.add(results.size());
            results.forEach(r -> kinds.add(r.outcome() + "/" + r.orderType()));
        }
        assertTrue(sizes.contains(0) && sizes.contains(1) && sizes.contains(MAX_OPERATIONS), "sizes " + sizes);
        assertEquals(OperationOutcome.values().length * OrderType.values().length + 1, kinds.size(), "kinds " + kinds);
        assertTrue(kinds.contains("REJECTED/null"), "a rejected cancel of an unknown order");
    }

    /** Runs {@code property} on every case; a failure names the seed and the batch. */
    private static void forEachCase(Consumer<List<OperationResult>> property) {
        for (long seed : seeds()) {
            List<OperationResult> results = batch(seed);
            try {
                property.accept(results);
            } catch (AssertionError e) {
                fail("property failed for seed " + seed + " (rerun with -Dbatchcast.seed=" + seed + "), "
                        + results.size() + " operations " + describe(results) + ": " + e.getMessage(), e);
            }
        }
    }

    private static List<Long> seeds() {
        String only = System.getProperty("batchcast.seed");
        if (only != null && !only.isBlank()) {
            return List.of(Long.parseLong(only.trim()));
        }
        List<Long> seeds = new ArrayList<>(CASES);
        for (int i = 0; i < CASES; i++) {
            seeds.add(FIRST_SEED + i);
        }
        return seeds;
    }

    /**
     * The batch of one seed. The seeds right after {@link #FIRST_SEED} give the edges: no operation, one operation,
     * {@value #MAX_OPERATIONS} operations of one outcome each (so a type's count can reach the maximum); every other
     * seed a random size and mix.
     */
    static List<OperationResult> batch(long seed) {
        var random = new Random(seed);
        int edge = (int) (seed - FIRST_SEED);
        int size = switch (edge) {
            case 0 -> 0;
            case 1 -> 1;
            case 2, 3, 4 -> MAX_OPERATIONS;
            default -> random.nextInt(MAX_OPERATIONS + 1);
        };
        OperationOutcome[] outcomes = OperationOutcome.values();
        OrderType[] types = OrderType.values();
        List<OperationResult> results = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            OperationOutcome outcome = edge >= 2 && edge <= 4 ? outcomes[edge - 2]
                    : outcomes[random.nextInt(outcomes.length)];
            OrderType type = types[random.nextInt(types.length)];
            results.add(switch (outcome) {
                case CREATED -> OperationResult.created(i, "o" + i, "c" + i, type);
                case CANCELLED -> OperationResult.cancelled(i, "o" + i, "c" + i, type);
                // one rejection in five is a cancel of an order nobody knows: no order id, no type
                case REJECTED -> random.nextInt(5) == 0
                        ? OperationResult.rejected(i, null, "c" + i, null,
                                new OperationError(OperationError.UNKNOWN_ORDER, "unknown"))
                        : OperationResult.rejected(i, null, "c" + i, type,
                                new OperationError(OperationError.EXCHANGE_REJECTED, "refused"));
            });
        }
        return results;
    }

    private static String describe(List<OperationResult> results) {
        var text = new StringBuilder("[");
        for (OperationResult r : results) {
            text.append(text.length() > 1 ? ", " : "").append(r.outcome()).append(' ').append(r.orderType());
        }
        return text.append(']').toString();
    }
}
