package io.batchcast.adapter.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.batchcast.domain.OrderType;
import io.batchcast.domain.OrderTypeStatistics;
import io.batchcast.domain.OrderTypeSummary;
import java.util.List;
import org.junit.jupiter.api.Test;

class SummaryCodecTest {

    @Test
    void summariesRoundTripThroughTheirCompactColumnForm() {
        List<OrderTypeSummary> summaries = List.of(new OrderTypeSummary(OrderType.LIMIT, 5, 3),
                new OrderTypeSummary(OrderType.STOP_LIMIT, 2, 0), new OrderTypeSummary(OrderType.MARKET, 0, 1000));

        String encoded = SummaryCodec.encode(summaries);

        assertEquals("LIMIT:5:3,STOP_LIMIT:2:0,MARKET:0:1000", encoded);
        assertEquals(summaries, SummaryCodec.decode(encoded));
    }

    @Test
    void periodStatisticsRoundTripWithFourCountsAndMayBeEmpty() {
        List<OrderTypeStatistics> statistics = List.of(new OrderTypeStatistics(OrderType.LIMIT, 5, 3, 1),
                new OrderTypeStatistics(OrderType.STOP_MARKET, 0, 0, 12));

        String encoded = SummaryCodec.encodeStatistics(statistics);

        assertEquals("LIMIT:5:3:1,STOP_MARKET:0:0:12", encoded);
        assertEquals(statistics, SummaryCodec.decodeStatistics(encoded));
        assertEquals("", SummaryCodec.encodeStatistics(List.of()));
        assertEquals(List.of(), SummaryCodec.decodeStatistics(""));
    }
}
