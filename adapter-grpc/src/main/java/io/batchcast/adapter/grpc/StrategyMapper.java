package io.batchcast.adapter.grpc;

import io.batchcast.domain.Strategy;
import java.util.regex.Pattern;

/** Proto ↔ domain for strategies, and the page token of ListStrategies. */
final class StrategyMapper {

    /** Versioned so that the token's content can change without breaking tokens clients still hold. */
    private static final String TOKEN_PREFIX = "v1:";
    private static final Pattern TOKEN = Pattern.compile("v1:[1-9][0-9]{0,17}");

    private StrategyMapper() {
    }

    static io.batchcast.proto.v1.Strategy strategy(Strategy strategy) {
        return io.batchcast.proto.v1.Strategy.newBuilder()
                .setId(strategy.id())
                .setName(strategy.name())
                .setCreateTime(OrderBatchMapper.timestamp(strategy.createdAt()))
                .build();
    }

    /** An opaque token meaning "after the strategy {@code lastId}". */
    static String pageToken(long lastId) {
        return OrderPageToken.encode(TOKEN_PREFIX + lastId);
    }

    /** The id to list after: 0 for an empty token. */
    static long afterId(String pageToken) {
        if (pageToken.isEmpty()) {
            return 0;
        }
        String decoded = OrderPageToken.decode(pageToken);
        if (!TOKEN.matcher(decoded).matches()) {
            throw FailureStatus.invalidArgument("page_token",
                    "must be a next_page_token returned by ListStrategies, or empty for the first page");
        }
        return Long.parseLong(decoded.substring(TOKEN_PREFIX.length()));
    }
}
