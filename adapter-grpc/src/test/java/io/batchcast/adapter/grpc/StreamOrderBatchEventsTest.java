package io.batchcast.adapter.grpc;

import static io.batchcast.adapter.grpc.Batches.batch;
import static io.batchcast.adapter.grpc.Batches.limit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.google.rpc.ErrorInfo;
import com.nimbusds.jose.JWSAlgorithm;
import io.batchcast.adapter.exchange.PaperExchangeSettings;
import io.batchcast.application.service.BatchLimits;
import io.batchcast.domain.HourlyStatistics;
import io.batchcast.domain.OrderHourlySummary;
import io.batchcast.domain.OrderTypeStatistics;
import io.batchcast.application.service.DeliveryLimits;
import io.batchcast.proto.v1.OrderBatchEvent;
import io.batchcast.proto.v1.OrderType;
import io.batchcast.proto.v1.OrderTypeSummary;
import io.batchcast.proto.v1.StreamOrderBatchEventsRequest;
import io.batchcast.proto.v1.SubmitOrderBatchResponse;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StreamOrderBatchEventsTest {

    private InProcessBatchcast batchcast = new InProcessBatchcast();

    @AfterEach
    void close() throws InterruptedException {
        batchcast.close();
    }

    private void restartWith(DeliveryLimits limits) throws InterruptedException {
        batchcast.close();
        batchcast = new InProcessBatchcast(PaperExchangeSettings.defaults(), BatchLimits.defaults(), limits);
    }

    private SubmitOrderBatchResponse submit(String userId, long strategy, String clientOrderId) {
        return batchcast.orderBatches(userId).submitOrderBatch(batch(strategy, limit(clientOrderId)));
    }

    private EventRecorder stream(String userId, long strategy, String afterEventId, EventRecorder recorder) {
        batchcast.orderBatchesAsync(userId).streamOrderBatchEvents(StreamOrderBatchEventsRequest.newBuilder()
                .setStrategyId(strategy).setAfterEventId(afterEventId).build(), recorder);
        return recorder;
    }

    private EventRecorder stream(String userId, long strategy, String afterEventId) {
        return stream(userId, strategy, afterEventId, EventRecorder.reading());
    }

    private static OrderBatchEvent oneLimitCreated(String eventId, long strategy, String batchId) {
        return OrderBatchEvent.newBuilder().setEventId(eventId).setStrategyId(strategy).setBatchId(batchId)
                .addSummaries(OrderTypeSummary.newBuilder().setOrderType(OrderType.ORDER_TYPE_LIMIT).setCreated(1))
                .setTimestamp(OrderBatchMapper.timestamp(Tokens.NOW))
                .build();
    }

    @Test
    void replaysTheEventsAfterTheCursorThenDeliversLiveOnes() throws Exception {
        long strategy = batchcast.createStrategy("alice", "grid");
        submit("alice", strategy, "l1");
        SubmitOrderBatchResponse second = submit("alice", strategy, "l2");

        EventRecorder events = stream("alice", strategy, "mem-1");
        assertEquals(oneLimitCreated("mem-2", strategy, second.getBatchId()), events.next());

        SubmitOrderBatchResponse third = submit("alice", strategy, "l3");
        assertEquals(oneLimitCreated("mem-3", strategy, third.getBatchId()), events.next());
        assertEquals(List.of(), events.receivedIds());
        assertFalse(events.ended());
    }

    @Test
    void periodSummariesAreSkippedAndTheBatchEventIdsAroundThemStayCursors() throws Exception {
        long strategy = batchcast.createStrategy("alice", "grid");
        EventRecorder live = stream("alice", strategy, "");
        SubmitOrderBatchResponse first = submit("alice", strategy, "l1");
        batchcast.feed.publish(batchcast.store.appendSummary(new OrderHourlySummary(strategy, "alice",
                new HourlyStatistics(Instant.parse("2025-10-30T12:00:00Z"), 1,
                        List.of(new OrderTypeStatistics(io.batchcast.domain.OrderType.LIMIT, 1, 0, 0))), Tokens.NOW)));
        SubmitOrderBatchResponse third = submit("alice", strategy, "l2");

        assertEquals(oneLimitCreated("mem-1", strategy, first.getBatchId()), live.next());
        assertEquals(oneLimitCreated("mem-3", strategy, third.getBatchId()), live.next());
        EventRecorder resumed = stream("alice", strategy, "mem-1");
        assertEquals(oneLimitCreated("mem-3", strategy, third.getBatchId()), resumed.next());
        assertEquals(List.of(), live.receivedIds());
        assertEquals(List.of(), resumed.receivedIds());
    }

    @Test
    void everyCallOfAStrategyIsSentTheOneMessageEncodedForEachEvent() throws Exception {
        long strategy = batchcast.createStrategy("alice", "grid");
        SubmitOrderBatchResponse first = submit("alice", strategy, "l1");
        EventRecorder one = stream("alice", strategy, "");
        EventRecorder two = stream("alice", strategy, "");
        SubmitOrderBatchResponse second = submit("alice", strategy, "l2");
        EventRecorder replaying = stream("alice", strategy, "earliest");

        OrderBatchEvent live = oneLimitCreated("mem-2", strategy, second.getBatchId());
        assertEquals(live, one.next());
        assertEquals(live, two.next());
        assertEquals(oneLimitCreated("mem-1", strategy, first.getBatchId()), replaying.next());
        assertEquals(live, replaying.next());
        assertEquals(2, batchcast.deliveryCounters.framesEncoded(), "mem-2 once for three calls, mem-1 once");
        assertEquals(2, batchcast.deliveryCounters.framesShared());
    }

    @Test
    void emptyCursorStartsWithLiveEventsOnly() throws Exception {
        long strategy = batchcast.createStrategy("alice", "grid");
        submit("alice", strategy, "l1");

        EventRecorder events = stream("alice", strategy, "");
        submit("alice", strategy, "l2");

        assertEquals("mem-2", events.next().getEventId());
        assertEquals(List.of(), events.receivedIds());
    }

    @Test
    void cursorAheadOfTheHeadIsOutOfRangeCarryingTheHeadToResumeFrom() throws Exception {
        long strategy = batchcast.createStrategy("alice", "grid");
        submit("alice", strategy, "l1");
        submit("alice", strategy, "l2");

        StatusRuntimeException e = stream("alice", strategy, "mem-7").failure();

        assertEquals(Status.Code.OUT_OF_RANGE, e.getStatus().getCode());
        assertEquals(ErrorInfo.newBuilder().setReason("CURSOR_OUT_OF_RANGE").setDomain("batchcast.io")
                .putAllMetadata(Map.of("head_event_id", "mem-2", "cause", "cursor_ahead_of_head")).build(),
                ErrorDetails.errorInfo(e));
        assertEquals(0, batchcast.feed.watchedStreams());

        EventRecorder resumed = stream("alice", strategy, "mem-2");
        submit("alice", strategy, "l3");
        assertEquals("mem-3", resumed.next().getEventId());
        assertEquals(List.of(), resumed.receivedIds());
    }

    @Test
    void prunedCursorIsOutOfRange() throws Exception {
        long strategy = batchcast.createStrategy("alice", "grid");
        submit("alice", strategy, "l1");
        submit("alice", strategy, "l2");
        submit("alice", strategy, "l3");
        batchcast.store.prune(strategy, 2);

        StatusRuntimeException e = stream("alice", strategy, "mem-1").failure();

        assertEquals(Status.Code.OUT_OF_RANGE, e.getStatus().getCode());
        assertEquals(Map.of("head_event_id", "mem-3", "cause", "cursor_outside_retention"),
                ErrorDetails.errorInfo(e).getMetadataMap());
    }

    @Test
    void cursorFromAnotherDatabaseOnAStreamWithoutEventsHasAnEmptyHead() throws Exception {
        long strategy = batchcast.createStrategy("alice", "grid");

        StatusRuntimeException e = stream("alice", strategy, "db2-5").failure();

        assertEquals(Status.Code.OUT_OF_RANGE, e.getStatus().getCode());
        assertEquals(Map.of("head_event_id", "", "cause", "cursor_from_another_database"),
                ErrorDetails.errorInfo(e).getMetadataMap());
    }

    @Test
    void malformedCursorIsInvalidArgumentAndNeverEchoed() throws Exception {
        long strategy = batchcast.createStrategy("alice", "grid");

        StatusRuntimeException e = stream("alice", strategy, "<script>x</script>").failure();

        assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
        assertEquals(Map.of("after_event_id", "must be an event_id received from this API (<epoch>-<sequence>),"
                + " \"earliest\" for every retained event, or empty for live events only"), ErrorDetails.fieldViolations(e));
    }

    @Test
    void theStreamEndsAtTheTokensExpiryWithUnauthenticated() throws Exception {
        long strategy = batchcast.createStrategy("alice", "grid");
        // the server's clock stands at Tokens.NOW: this token has one second left
        String token = Tokens.signed(JWSAlgorithm.HS256, Tokens.SECRET, "alice", Tokens.NOW.plusSeconds(1));
        EventRecorder recorder = EventRecorder.reading();
        batchcast.orderBatchesAsyncWithToken(token).streamOrderBatchEvents(
                StreamOrderBatchEventsRequest.newBuilder().setStrategyId(strategy).build(), recorder);

        StatusRuntimeException e = recorder.failure();
        assertEquals(Status.Code.UNAUTHENTICATED, e.getStatus().getCode());
        assertEquals("the access token expired; call again with after_event_id set to the last event_id you"
                + " received, with a fresh token", e.getStatus().getDescription());
    }

    @Test
    void coalesceMsOutOfRangeIsInvalidArgumentNamingTheFieldAndTheRange() throws Exception {
        long strategy = batchcast.createStrategy("alice", "grid");
        for (int coalesceMs : List.of(-1, 10_001, Integer.MAX_VALUE)) {
            EventRecorder recorder = EventRecorder.reading();
            batchcast.orderBatchesAsync("alice").streamOrderBatchEvents(StreamOrderBatchEventsRequest.newBuilder()
                    .setStrategyId(strategy).setCoalesceMs(coalesceMs).build(), recorder);

            StatusRuntimeException e = recorder.failure();
            assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
            assertEquals("coalesce_ms: must be an integer from 0 (off) to 10000 (milliseconds), was " + coalesceMs,
                    e.getStatus().getDescription());
            assertEquals(Map.of("coalesce_ms", "must be an integer from 0 (off) to 10000 (milliseconds), was "
                    + coalesceMs), ErrorDetails.fieldViolations(e));
        }
    }

    @Test
    void withoutCoalesceMsEachBatchIsItsOwnEventWithoutABatchCount() throws Exception {
        long strategy = batchcast.createStrategy("alice", "grid");
        EventRecorder events = stream("alice", strategy, "");
        SubmitOrderBatchResponse first = submit("alice", strategy, "l1");
        SubmitOrderBatchResponse second = submit("alice", strategy, "l2");

        assertEquals(oneLimitCreated("mem-1", strategy, first.getBatchId()), events.next());
        assertEquals(oneLimitCreated("mem-2", strategy, second.getBatchId()), events.next());
    }

    @Test
    void anotherUsersStrategyIsNotFoundAndFreesTheStreamSlot() throws Exception {
        restartWith(DeliveryLimits.defaults().withMaxStreamsPerUser(1).withQueueCapacity(16));
        long bobs = batchcast.createStrategy("bob", "bob's");
        long alices = batchcast.createStrategy("alice", "grid");

        StatusRuntimeException e = stream("alice", bobs, "").failure();
        assertEquals(Status.Code.NOT_FOUND, e.getStatus().getCode());
        assertEquals("strategy " + bobs + " not found", e.getStatus().getDescription());

        EventRecorder own = stream("alice", alices, "");
        submit("alice", alices, "l1");
        assertEquals("mem-1", own.next().getEventId());
    }

    @Test
    void moreConcurrentStreamsThanTheUserLimitIsResourceExhausted() throws Exception {
        restartWith(DeliveryLimits.defaults().withMaxStreamsPerUser(2).withQueueCapacity(16));
        long strategy = batchcast.createStrategy("alice", "grid");
        long bobs = batchcast.createStrategy("bob", "grid");
        EventRecorder first = stream("alice", strategy, "");
        stream("alice", strategy, "");

        StatusRuntimeException e = stream("alice", strategy, "").failure();
        assertEquals(Status.Code.RESOURCE_EXHAUSTED, e.getStatus().getCode());
        assertEquals("at most 2 concurrent event streams per user (SSE and gRPC together); close one first",
                e.getStatus().getDescription());

        EventRecorder bob = stream("bob", bobs, "");
        first.cancel();
        EventRecorder third = stream("alice", strategy, "");
        submit("alice", strategy, "l1");
        assertEquals("mem-1", third.next().getEventId());
        assertFalse(bob.ended());
    }

    @Test
    void earliestReplaysEveryRetainedEventThenGoesLive() throws Exception {
        long strategy = batchcast.createStrategy("alice", "grid");
        submit("alice", strategy, "l1");
        submit("alice", strategy, "l2");

        EventRecorder events = stream("alice", strategy, "earliest");
        assertEquals(List.of("mem-1", "mem-2"), List.of(events.next().getEventId(), events.next().getEventId()));
        submit("alice", strategy, "l3");
        assertEquals("mem-3", events.next().getEventId());
        assertFalse(events.ended());
    }

    @Test
    void clientCancelEndsTheSubscription() throws Exception {
        long strategy = batchcast.createStrategy("alice", "grid");
        EventRecorder events = stream("alice", strategy, "");
        assertEquals(1, batchcast.feed.watchedStreams());

        events.cancel();

        assertEquals(0, batchcast.feed.watchedStreams());
        assertEquals(Status.Code.CANCELLED, events.failureCode());
    }

    @Test
    void slowConsumerIsCutOffWithResourceExhaustedAndResumesByItsCursor() throws Exception {
        restartWith(DeliveryLimits.defaults().withQueueCapacity(2));
        long strategy = batchcast.createStrategy("alice", "grid");
        EventRecorder slow = stream("alice", strategy, "", EventRecorder.readingOnly(1));

        submit("alice", strategy, "l1");
        // the stream's writer runs on its own thread: the one event the client asked for is written first
        assertEquals("mem-1", slow.next().getEventId());
        for (int i = 2; i <= 4; i++) {
            submit("alice", strategy, "l" + i);
        }

        StatusRuntimeException e = slow.failure();
        assertEquals(Status.Code.RESOURCE_EXHAUSTED, e.getStatus().getCode());
        assertEquals(ErrorInfo.newBuilder().setReason("SLOW_CONSUMER").setDomain("batchcast.io")
                .putMetadata("max_buffered_events", "2").build(), ErrorDetails.errorInfo(e));
        assertEquals(List.of(), slow.receivedIds());
        assertEquals(0, batchcast.feed.watchedStreams());

        EventRecorder resumed = stream("alice", strategy, "mem-1");
        assertEquals(List.of("mem-2", "mem-3", "mem-4"),
                List.of(resumed.next().getEventId(), resumed.next().getEventId(), resumed.next().getEventId()));
    }
}
