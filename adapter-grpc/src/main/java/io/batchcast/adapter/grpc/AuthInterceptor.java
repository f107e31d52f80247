package io.batchcast.adapter.grpc;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;

/**
 * Authenticates every call (unary and streaming) by its {@code authorization: Bearer <jwt>} metadata and puts the
 * token's subject, the user id, into the call's {@link Context} under {@link #USER_ID}. A call without exactly one
 * authorization entry holding a valid token is closed with UNAUTHENTICATED before the service sees it.
 */
final class AuthInterceptor implements ServerInterceptor {

    static final Context.Key<String> USER_ID = Context.key("batchcast-user-id");
    static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    private static final String BEARER = "bearer ";

    private final AccessTokenVerifier verifier;

    AuthInterceptor(AccessTokenVerifier verifier) {
        this.verifier = verifier;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(
            ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        String authorization = headers.get(AUTHORIZATION);
        int entries = entries(headers);
        String problem;
        if (authorization == null) {
            problem = "missing authorization metadata; send 'authorization: Bearer <jwt>'";
        } else if (entries > 1) {
            // Metadata.get returns the last entry: which credential counted would depend on the client's stack
            problem = "exactly one authorization header is required, the call has " + entries;
        } else if (!authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            problem = "the authorization metadata must use the Bearer scheme: 'authorization: Bearer <jwt>'";
        } else {
            try {
                String userId = verifier.verify(authorization.substring(BEARER.length()).strip());
                return Contexts.interceptCall(Context.current().withValue(USER_ID, userId), call, headers, next);
            } catch (AccessTokenVerifier.InvalidTokenException e) {
                problem = e.getMessage();
            }
        }
        call.close(Status.UNAUTHENTICATED.withDescription(problem), new Metadata());
        return new ServerCall.Listener<>() { };
    }

    private static int entries(Metadata headers) {
        Iterable<String> all = headers.getAll(AUTHORIZATION);
        int count = 0;
        if (all != null) {
            for (String ignored : all) {
                count++;
            }
        }
        return count;
    }

    /** The authenticated caller of the current call. */
    static String currentUser() {
        String userId = USER_ID.get();
        if (userId == null) {
            throw new IllegalStateException("no authenticated user in the call context: is the service intercepted?");
        }
        return userId;
    }
}
