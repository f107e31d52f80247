package io.batchcast.adapter.grpc;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.rpc.BadRequest;
import com.google.rpc.ErrorInfo;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the google.rpc details a client would read from a failed call. */
final class ErrorDetails {

    private ErrorDetails() {
    }

    /** field → description, in the order the server listed them. */
    static Map<String, String> fieldViolations(StatusRuntimeException e) {
        Map<String, String> violations = new LinkedHashMap<>();
        only(e, BadRequest.class).getFieldViolationsList()
                .forEach(v -> violations.put(v.getField(), v.getDescription()));
        return violations;
    }

    static ErrorInfo errorInfo(StatusRuntimeException e) {
        return only(e, ErrorInfo.class);
    }

    private static <T extends Message> T only(StatusRuntimeException e, Class<T> type) {
        com.google.rpc.Status status = StatusProto.fromThrowable(e);
        if (status == null) {
            throw new AssertionError("no google.rpc.Status details in " + e);
        }
        List<Any> details = status.getDetailsList();
        if (details.size() != 1 || !details.getFirst().is(type)) {
            throw new AssertionError("expected exactly one " + type.getSimpleName() + " detail, got " + details);
        }
        try {
            return details.getFirst().unpack(type);
        } catch (InvalidProtocolBufferException ex) {
            throw new AssertionError(ex);
        }
    }
}
