package io.batchcast.application.port.in;

import java.time.Instant;

/**
 * The request id was claimed long ago by a call that never finished: its server stopped mid-batch. Retrying cannot
 * complete it, and some of its operations may have reached the exchange; the client should look its orders up by
 * client_order_id and submit what is missing under a new request id.
 */
public final class RequestAbandonedException extends SubmissionFailure {

    public RequestAbandonedException(String requestId, Instant claimedAt) {
        super("request_id '" + requestId + "' was claimed at " + claimedAt + " by a call that never finished (its server "
                + "stopped mid-batch); its outcome is unknown: check your orders by client_order_id and resubmit what "
                + "is missing with a new request_id");
    }
}
