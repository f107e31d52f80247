package io.batchcast.adapter.grpc;

import io.batchcast.application.port.out.AccessTokenVerification;
import io.batchcast.application.port.out.KeysUnavailable;
import io.batchcast.application.port.out.TokenRejected;
import io.batchcast.application.port.out.VerifiedCaller;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.util.stream.StreamSupport;

/**
 * Authenticates every call (unary and streaming) by its {@code authorization: Bearer <jwt>} metadata and puts the
 * verified caller (the token's user id and expiry) into the call's {@link Context} under {@link #CALLER}. A call
 * without exactly one authorization entry holding a valid token is closed with UNAUTHENTICATED before the service
 * sees it; one whose token cannot be checked because the identity provider's keys are unreachable, with UNAVAILABLE.
 */
final class AuthInterceptor implements ServerInterceptor {

    static final Context.Key<VerifiedCaller> CALLER = Context.key("batchcast-caller");
    static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    private static final String BEARER = "bearer ";

    private final AccessTokenVerification tokens;

    AuthInterceptor(AccessTokenVerification tokens) {
        this.tokens = tokens;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(
            ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        String authorization = headers.get(AUTHORIZATION);
        long entries = entries(headers);
        Status refusal = Status.UNAUTHENTICATED;
        String problem;
        if (authorization == null) {
            problem = "missing authorization metadata; send 'authorization: Bearer <jwt>'";
        } else if (entries > 1) {
            // Metadata.get returns the last entry: which credential counted would depend on the client's stack
            problem = "exactly one authorization header is required, the call has " + entries;
        } else if (!authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            problem = "the authorization metadata must use the Bearer scheme: 'authorization: Bearer <jwt>'";
        } else {
            switch (tokens.verify(authorization.substring(BEARER.length()))) {
                case VerifiedCaller caller -> {
                    return Contexts.interceptCall(Context.current().withValue(CALLER, caller), call, headers, next);
                }
                case TokenRejected rejected -> problem = rejected.message();
                case KeysUnavailable unavailable -> {
                    refusal = Status.UNAVAILABLE;
                    problem = unavailable.message();
                }
            }
        }
        call.close(refusal.withDescription(problem), new Metadata());
        return new ServerCall.Listener<>() { };
    }

    private static long entries(Metadata headers) {
        Iterable<String> all = headers.getAll(AUTHORIZATION);
        return all == null ? 0 : StreamSupport.stream(all.spliterator(), false).count();
    }

    /** The user id of the authenticated caller of the current call. */
    static String currentUser() {
        return currentCaller().userId();
    }

    /** The authenticated caller of the current call: its user id, and when its token expires. */
    static VerifiedCaller currentCaller() {
        VerifiedCaller caller = CALLER.get();
        if (caller == null) {
            throw new IllegalStateException("no authenticated user in the call context: is the service intercepted?");
        }
        return caller;
    }
}
