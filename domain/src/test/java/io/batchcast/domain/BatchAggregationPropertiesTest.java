package io.batchcast.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class BatchAggregationPropertiesTest {

    @Property
    void sumsMatchTheSuccessfulOperationsOfEachType(@ForAll("outcomes") List<OperationResult> results) {
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
    }

    @Property
    void noSummaryIsEmpty(@ForAll("outcomes") List<OperationResult> results) {
        assertTrue(BatchAggregation.summarize(results).stream().noneMatch(OrderTypeSummary::isEmpty));
    }

    @Property
    void summariesFollowTheFixedTypeOrder(@ForAll("outcomes") List<OperationResult> results) {
        List<Integer> ordinals = BatchAggregation.summarize(results).stream()
                .map(s -> s.orderType().ordinal()).toList();
        List<Integer> sorted = new ArrayList<>(ordinals);
        sorted.sort(null);
        assertEquals(sorted, ordinals);
        assertEquals(ordinals.stream().distinct().count(), ordinals.size());
    }

    @Property
    void eventExistsExactlyWhenSomethingSucceeded(@ForAll("outcomes") List<OperationResult> results) {
        boolean anySuccess = results.stream().anyMatch(OperationResult::succeeded);
        var event = OrderBatchEvent.of(results, new StreamKey("u", 1), "b", Instant.EPOCH);
        assertEquals(anySuccess, event.isPresent());
    }

    @Property
    void emptyInputHasNoEvent() {
        assertFalse(OrderBatchEvent.of(List.of(), new StreamKey("u", 1), "b", Instant.EPOCH).isPresent());
    }

    @Provide
    Arbitrary<List<OperationResult>> outcomes() {
        Arbitrary<OrderType> types = Arbitraries.of(OrderType.class);
        Arbitrary<OperationOutcome> outcomes = Arbitraries.of(OperationOutcome.class);
        return Combinators.combine(outcomes, types).as(this::result).list().ofMaxSize(200)
                .map(list -> {
                    List<OperationResult> indexed = new ArrayList<>();
                    for (int i = 0; i < list.size(); i++) {
                        OperationResult r = list.get(i);
                        indexed.add(new OperationResult(i, r.outcome(), r.orderId(), r.clientOrderId(), r.orderType(),
                                r.error()));
                    }
                    return indexed;
                });
    }

    private OperationResult result(OperationOutcome outcome, OrderType type) {
        return switch (outcome) {
            case CREATED -> OperationResult.created(0, "o", "c", type);
            case CANCELLED -> OperationResult.cancelled(0, "o", "c", type);
            case REJECTED -> OperationResult.rejected(0, null, "c", type,
                    new OperationError(OperationError.EXCHANGE_REJECTED, "refused"));
        };
    }
}
