package io.batchcast.adapter.grpc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.batchcast.proto.v1.CreateStrategyRequest;
import io.batchcast.proto.v1.ListStrategiesRequest;
import io.batchcast.proto.v1.ListStrategiesResponse;
import io.batchcast.proto.v1.Strategy;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StrategyServiceTest {

    private final InProcessBatchcast batchcast = new InProcessBatchcast();

    @AfterEach
    void close() throws InterruptedException {
        batchcast.close();
    }

    private ListStrategiesResponse list(String userId, int pageSize, String pageToken) {
        return batchcast.strategies(userId).listStrategies(
                ListStrategiesRequest.newBuilder().setPageSize(pageSize).setPageToken(pageToken).build());
    }

    private static List<String> names(ListStrategiesResponse response) {
        return response.getStrategiesList().stream().map(Strategy::getName).toList();
    }

    @Test
    void createdStrategyHasItsIdTrimmedNameAndCreationTime() {
        Strategy created = batchcast.strategies("alice")
                .createStrategy(CreateStrategyRequest.newBuilder().setName("  BTC grid  ").build());

        assertEquals(Strategy.newBuilder().setId(1).setName("BTC grid")
                .setCreateTime(OrderBatchMapper.timestamp(Tokens.NOW)).build(), created);
    }

    @Test
    void blankNameIsInvalidArgumentNamingTheField() {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> batchcast.strategies("alice")
                .createStrategy(CreateStrategyRequest.newBuilder().setName("   ").build()));

        assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
        assertEquals(Map.of("name", "must be 1 to 100 characters after trimming, had 0"),
                ErrorDetails.fieldViolations(e));
    }

    @Test
    void nameWithANulIsInvalidArgumentNamingTheField() {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> batchcast.strategies("alice")
                .createStrategy(CreateStrategyRequest.newBuilder().setName("grid\u0000").build()));

        assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
        assertEquals(Map.of("name", "must not contain control characters (U+0000 to U+001F, U+007F to U+009F), had"
                + " one at character 4"), ErrorDetails.fieldViolations(e));
        assertEquals(0, list("alice", 0, "").getStrategiesCount());
    }

    @Test
    void nameWithALoneSurrogateIsInvalidArgumentNamingTheField() {
        // the in-process transport hands the request object over as built, lone surrogate included
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> batchcast.strategies("alice")
                .createStrategy(CreateStrategyRequest.newBuilder().setName("rt-" + (char) 0xD800).build()));

        assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
        assertEquals(Map.of("name", "must be well-formed Unicode, had a lone UTF-16 surrogate at character 3"),
                ErrorDetails.fieldViolations(e));
    }

    @Test
    void pagesThroughOnlyTheCallersStrategiesWithOpaqueTokens() {
        for (int i = 1; i <= 5; i++) {
            batchcast.createStrategy("alice", "a" + i);
            batchcast.createStrategy("bob", "b" + i);
        }

        ListStrategiesResponse first = list("alice", 2, "");
        ListStrategiesResponse second = list("alice", 2, first.getNextPageToken());
        ListStrategiesResponse last = list("alice", 2, second.getNextPageToken());

        assertEquals(List.of("a1", "a2"), names(first));
        assertEquals(List.of("a3", "a4"), names(second));
        assertEquals(List.of("a5"), names(last));
        assertEquals("", last.getNextPageToken());
    }

    @Test
    void aFullLastPageHasNoNextPageToken() {
        batchcast.createStrategy("alice", "a1");
        batchcast.createStrategy("alice", "a2");

        ListStrategiesResponse page = list("alice", 2, "");

        assertEquals(List.of("a1", "a2"), names(page));
        assertEquals("", page.getNextPageToken());
    }

    @Test
    void unsetPageSizeMeansOneHundred() {
        for (int i = 1; i <= 101; i++) {
            batchcast.createStrategy("alice", "a" + i);
        }

        ListStrategiesResponse page = list("alice", 0, "");

        assertEquals(100, page.getStrategiesCount());
        assertEquals(List.of("a101"), names(list("alice", 0, page.getNextPageToken())));
    }

    @Test
    void pageSizeAboveTheLimitIsInvalidArgument() {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> list("alice", 1001, ""));

        assertEquals(Map.of("page_size", "must be between 1 and 1000 (or 0 for 100), was 1001"),
                ErrorDetails.fieldViolations(e));
    }

    @Test
    void forgedPageTokenIsInvalidArgument() {
        StatusRuntimeException e = assertThrows(StatusRuntimeException.class, () -> list("alice", 10, "djE6LTE"));

        assertEquals(Map.of("page_token", "must be a next_page_token returned by ListStrategies, or empty for the"
                + " first page"), ErrorDetails.fieldViolations(e));
    }

    @Test
    void pageTokensAreOpaqueAndRoundTrip() {
        String token = StrategyMapper.pageToken(42);

        assertEquals("djE6NDI", token);
        assertEquals(42, StrategyMapper.afterId(token));
        assertEquals(0, StrategyMapper.afterId(""));
    }
}
