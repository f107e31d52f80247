package io.batchcast.adapter.grpc;

import com.google.protobuf.Timestamp;
import io.batchcast.application.port.in.FieldViolation;
import io.batchcast.application.port.in.HourlyStatisticsQuery;
import io.batchcast.application.port.in.StatisticsRangeException;
import io.batchcast.domain.HourlyStatistics;
import io.batchcast.domain.OrderTypeStatistics;
import io.batchcast.proto.v1.GetHourlyStatisticsRequest;
import io.batchcast.proto.v1.GetHourlyStatisticsResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** GetHourlyStatistics: the request's range to a query (INVALID_ARGUMENT naming the field), the hours to proto. */
final class HourlyStatisticsMapper {

    // google.protobuf.Timestamp's own range: 0001-01-01T00:00:00Z to 9999-12-31T23:59:59.999999999Z
    private static final long MIN_SECONDS = -62_135_596_800L;
    private static final long MAX_SECONDS = 253_402_300_799L;

    private HourlyStatisticsMapper() {
    }

    static HourlyStatisticsQuery query(GetHourlyStatisticsRequest request) {
        List<FieldViolation> violations = new ArrayList<>(3);
        if (request.getStrategyId() <= 0) {
            violations.add(new FieldViolation("strategy_id",
                    "must be a positive strategy id, was " + request.getStrategyId()));
        }
        Instant start = instant("start_time", request.hasStartTime(), request.getStartTime(), violations);
        Instant end = instant("end_time", request.hasEndTime(), request.getEndTime(), violations);
        if (!violations.isEmpty()) {
            FieldViolation first = violations.getFirst();
            String more = violations.size() > 1 ? " (and " + (violations.size() - 1) + " more)" : "";
            throw FailureStatus.invalidArgument(first.field() + ": " + first.description() + more, violations);
        }
        try {
            return new HourlyStatisticsQuery(request.getStrategyId(), start, end);
        } catch (StatisticsRangeException e) {
            throw FailureStatus.invalidArgument("end_time", switch (e.problem()) {
                case EMPTY -> "must be after start_time";
                case TOO_LONG -> "must be at most 31 days (744 hours) after start_time";
            });
        }
    }

    private static Instant instant(String field, boolean present, Timestamp timestamp,
            List<FieldViolation> violations) {
        if (!present) {
            violations.add(new FieldViolation(field, "is required"));
            return null;
        }
        if (timestamp.getSeconds() < MIN_SECONDS || timestamp.getSeconds() > MAX_SECONDS || timestamp.getNanos() < 0
                || timestamp.getNanos() > 999_999_999) {
            violations.add(new FieldViolation(field,
                    "must be a valid timestamp between 0001-01-01T00:00:00Z and 9999-12-31T23:59:59.999999999Z"));
            return null;
        }
        return Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos());
    }

    static GetHourlyStatisticsResponse response(List<HourlyStatistics> hours) {
        GetHourlyStatisticsResponse.Builder out = GetHourlyStatisticsResponse.newBuilder();
        for (HourlyStatistics hour : hours) {
            var hourOut = out.addHoursBuilder()
                    .setHourStart(OrderBatchMapper.timestamp(hour.start()))
                    .setBatches(hour.batches());
            for (OrderTypeStatistics type : hour.orderTypes()) {
                hourOut.addOrderTypesBuilder()
                        .setOrderType(OrderBatchMapper.orderType(type.orderType()))
                        .setCreated(type.created())
                        .setCancelled(type.cancelled())
                        .setRejected(type.rejected());
            }
        }
        return out.build();
    }
}
