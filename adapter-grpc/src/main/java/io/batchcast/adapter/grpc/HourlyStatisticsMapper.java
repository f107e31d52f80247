package io.batchcast.adapter.grpc;

import com.google.protobuf.Timestamp;
import com.google.protobuf.util.Timestamps;
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

    private HourlyStatisticsMapper() {
    }

    static HourlyStatisticsQuery query(GetHourlyStatisticsRequest request) {
        List<FieldViolation> violations = new ArrayList<>(3);
        WireChecks.strategyId(request.getStrategyId(), violations);
        Instant start = instant("start_time", request.hasStartTime(), request.getStartTime(), violations);
        Instant end = instant("end_time", request.hasEndTime(), request.getEndTime(), violations);
        WireChecks.failIfAny(violations);
        try {
            return new HourlyStatisticsQuery(request.getStrategyId(), start, end);
        } catch (StatisticsRangeException e) {
            throw FailureStatus.invalidArgument("end_time", e.endRequirement("start_time"));
        }
    }

    private static Instant instant(String field, boolean present, Timestamp timestamp,
            List<FieldViolation> violations) {
        if (!present) {
            violations.add(new FieldViolation(field, "is required"));
            return null;
        }
        // google.protobuf.Timestamp's own range: 0001-01-01T00:00:00Z to 9999-12-31T23:59:59.999999999Z
        if (!Timestamps.isValid(timestamp)) {
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
