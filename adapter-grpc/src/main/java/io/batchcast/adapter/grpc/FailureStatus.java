package io.batchcast.adapter.grpc;

import com.google.protobuf.Any;
import com.google.rpc.BadRequest;
import com.google.rpc.Code;
import com.google.rpc.ErrorInfo;
import io.batchcast.application.port.in.BatchCapacityExceededException;
import io.batchcast.application.port.in.BatchNotFoundException;
import io.batchcast.application.port.in.BatchNotSettledException;
import io.batchcast.application.port.in.BatchOutcomeUnknownException;
import io.batchcast.application.port.in.BatchValidationException;
import io.batchcast.application.port.in.FieldViolation;
import io.batchcast.application.port.in.RequestAbandonedException;
import io.batchcast.application.port.in.RequestIdConflictException;
import io.batchcast.application.port.in.RequestInProgressException;
import io.batchcast.application.port.in.StoreUnavailableException;
import io.batchcast.application.port.in.StrategyNotFoundException;
import io.batchcast.application.port.in.SubmissionFailure;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The error model: which gRPC status each failure becomes. Messages of our own exceptions are written for clients;
 * anything else is a bug or an outage whose text could leak internals, so the client gets a reference and the
 * server log gets the exception.
 */
final class FailureStatus {

    static final String ERROR_DOMAIN = "batchcast.io";
    private static final System.Logger LOG = System.getLogger(FailureStatus.class.getName());

    private FailureStatus() {
    }

    /** Answers a unary call with what {@code answer} computes, or with the status its failure maps to. */
    static <R> void respond(StreamObserver<R> call, Supplier<R> answer) {
        try {
            call.onNext(answer.get());
            call.onCompleted();
        } catch (RuntimeException e) {
            call.onError(of(e));
        }
    }

    static StatusRuntimeException of(Throwable failure) {
        if (failure instanceof StatusRuntimeException alreadyMapped) {
            return alreadyMapped;
        }
        return failure instanceof SubmissionFailure known ? of(known) : internal(failure);
    }

    /** Every failure of the application, each mapped (the compiler checks that none is left out). */
    static StatusRuntimeException of(SubmissionFailure failure) {
        return switch (failure) {
            case BatchValidationException invalid -> invalidArgument(invalid.getMessage(), invalid.violations());
            case StrategyNotFoundException notFound -> Status.NOT_FOUND.withDescription(notFound.getMessage())
                    .asRuntimeException();
            case BatchNotFoundException notFound -> Status.NOT_FOUND.withDescription(notFound.getMessage())
                    .asRuntimeException();
            // the same status and reason as a submit whose outcome is unknown: a client handles both alike
            case BatchNotSettledException unsettled -> withErrorInfo(Code.UNAVAILABLE, unsettled.getMessage(),
                    "OUTCOME_UNKNOWN", Map.of("batch_id", unsettled.batchId(), "request_id", unsettled.requestId()));
            case RequestIdConflictException conflict -> Status.ALREADY_EXISTS.withDescription(conflict.getMessage())
                    .asRuntimeException();
            case RequestInProgressException inProgress -> Status.ABORTED.withDescription(inProgress.getMessage())
                    .asRuntimeException();
            case RequestAbandonedException abandoned -> Status.FAILED_PRECONDITION
                    .withDescription(abandoned.getMessage()).asRuntimeException();
            case BatchCapacityExceededException busy -> Status.RESOURCE_EXHAUSTED.withDescription(busy.getMessage())
                    .asRuntimeException();
            case BatchOutcomeUnknownException unknown -> withErrorInfo(Code.UNAVAILABLE, unknown.getMessage(),
                    "OUTCOME_UNKNOWN", Map.of("batch_id", unknown.batchId(), "request_id", unknown.requestId()));
            case StoreUnavailableException unavailable -> {
                LOG.log(System.Logger.Level.WARNING, "the store is unavailable", unavailable);
                yield Status.UNAVAILABLE.withDescription(
                        "the order store is unavailable; nothing was sent to the exchange or written, retry later")
                        .asRuntimeException();
            }
        };
    }

    static StatusRuntimeException invalidArgument(String message, List<FieldViolation> violations) {
        BadRequest.Builder badRequest = BadRequest.newBuilder();
        for (FieldViolation violation : violations) {
            badRequest.addFieldViolationsBuilder().setField(violation.field()).setDescription(violation.description());
        }
        return StatusProto.toStatusRuntimeException(com.google.rpc.Status.newBuilder()
                .setCode(Code.INVALID_ARGUMENT_VALUE)
                .setMessage(message)
                .addDetails(Any.pack(badRequest.build()))
                .build());
    }

    static StatusRuntimeException invalidArgument(String field, String description) {
        return invalidArgument(List.of(new FieldViolation(field, description)));
    }

    /** INVALID_ARGUMENT naming the first violation (and how many more there are), with all of them as details. */
    static StatusRuntimeException invalidArgument(List<FieldViolation> violations) {
        return invalidArgument(FieldViolation.summary(violations), violations);
    }

    /** A failure with a machine-readable reason and metadata (google.rpc.ErrorInfo) the client acts on. */
    static StatusRuntimeException withErrorInfo(
            Code code, String message, String reason, Map<String, String> metadata) {
        ErrorInfo info = ErrorInfo.newBuilder().setReason(reason).setDomain(ERROR_DOMAIN).putAllMetadata(metadata)
                .build();
        return StatusProto.toStatusRuntimeException(com.google.rpc.Status.newBuilder()
                .setCode(code.getNumber())
                .setMessage(message)
                .addDetails(Any.pack(info))
                .build());
    }

    private static StatusRuntimeException internal(Throwable failure) {
        String reference = UUID.randomUUID().toString();
        LOG.log(System.Logger.Level.ERROR, "internal error " + reference, failure);
        return Status.INTERNAL.withDescription("internal error (reference " + reference + ")").asRuntimeException();
    }
}
