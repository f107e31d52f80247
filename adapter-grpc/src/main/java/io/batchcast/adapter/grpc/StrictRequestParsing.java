package io.batchcast.adapter.grpc;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.grpc.ForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerMethodDefinition;
import io.grpc.ServerServiceDefinition;
import io.grpc.ServiceDescriptor;
import io.grpc.Status;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes a request message that is not valid protobuf (invalid UTF-8 in a string, a truncated field, a bad tag) fail
 * with INVALID_ARGUMENT. grpc-java parses each request inside its call machinery, before any interceptor or service
 * sees it, and reports a parse failure as UNKNOWN ("Application error processing RPC"), as if the server were at
 * fault. A service wrapped here receives the request's stream instead and parses it in its listener, with the
 * method's own marshaller, where a failure can close the call with the right status. Nothing else changes: same
 * method names, types and method schema descriptors (reflection), same response marshalling, and the in-process
 * transport still hands messages over without serializing them. The service gets the schema it is given
 * ({@link ErrorDetailSchemas}).
 */
final class StrictRequestParsing {

    /** Passes the transport's stream through untouched; the listener parses it while it is still open. */
    private static final MethodDescriptor.Marshaller<InputStream> UNPARSED = new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(InputStream value) {
            return value;
        }

        @Override
        public InputStream parse(InputStream stream) {
            return stream;
        }
    };

    private StrictRequestParsing() {
    }

    static ServerServiceDefinition wrap(ServerServiceDefinition service, Object schema) {
        ServiceDescriptor.Builder descriptor = ServiceDescriptor.newBuilder(service.getServiceDescriptor().getName())
                .setSchemaDescriptor(schema);
        List<ServerMethodDefinition<InputStream, ?>> methods = new ArrayList<>();
        for (ServerMethodDefinition<?, ?> method : service.getMethods()) {
            ServerMethodDefinition<InputStream, ?> wrapped = wrap(method);
            descriptor.addMethod(wrapped.getMethodDescriptor());
            methods.add(wrapped);
        }
        ServerServiceDefinition.Builder wrapped = ServerServiceDefinition.builder(descriptor.build());
        methods.forEach(wrapped::addMethod);
        return wrapped.build();
    }

    private static <Q, R> ServerMethodDefinition<InputStream, R> wrap(ServerMethodDefinition<Q, R> definition) {
        MethodDescriptor<Q, R> method = definition.getMethodDescriptor();
        MethodDescriptor<InputStream, R> unparsed = method.toBuilder(UNPARSED, method.getResponseMarshaller()).build();
        ServerCallHandler<Q, R> next = definition.getServerCallHandler();
        return ServerMethodDefinition.create(unparsed, (call, headers) -> {
            ParsedCall<Q, R> parsed = new ParsedCall<>(call, method);
            return new ParsingListener<>(next.startCall(parsed, headers), parsed);
        });
    }

    /** What the client is told; protobuf's own messages name the problem and never echo the bytes. */
    private static String description(MethodDescriptor<?, ?> method, RuntimeException failure) {
        String type = method.getRequestMarshaller() instanceof MethodDescriptor.PrototypeMarshaller<?> marshaller
                && marshaller.getMessagePrototype() instanceof Message prototype
                ? prototype.getDescriptorForType().getFullName() : "request of " + method.getFullMethodName();
        String problem = failure.getCause() instanceof InvalidProtocolBufferException invalid
                ? invalid.getMessage() : "it cannot be parsed";
        return "the request is not a valid " + type + " message: " + problem;
    }

    /**
     * The call as the wrapped handler expects it: typed and described by the method's own descriptor. The request
     * type only appears in listener callbacks, never in a call's methods, so forwarding the unparsed call is safe.
     */
    private static final class ParsedCall<Q, R> extends ForwardingServerCall.SimpleForwardingServerCall<Q, R> {

        private final MethodDescriptor<Q, R> method;
        private volatile boolean closed;

        @SuppressWarnings("unchecked")
        ParsedCall(ServerCall<InputStream, R> call, MethodDescriptor<Q, R> method) {
            super((ServerCall<Q, R>) (ServerCall<?, R>) call);
            this.method = method;
        }

        @Override
        public MethodDescriptor<Q, R> getMethodDescriptor() {
            return method;
        }

        @Override
        public void close(Status status, Metadata trailers) {
            closed = true;
            super.close(status, trailers);
        }

        /** Closes the call for a request that cannot be parsed, unless someone (the auth check) closed it already. */
        void refuse(RuntimeException failure) {
            if (!closed) {
                close(Status.INVALID_ARGUMENT.withDescription(description(method, failure)), new Metadata());
            }
        }
    }

    /** Parses each request for the wrapped listener; after a request that fails, passes on only the call's end. */
    private static final class ParsingListener<Q, R> extends ServerCall.Listener<InputStream> {

        private final ServerCall.Listener<Q> next;
        private final ParsedCall<Q, R> call;
        private boolean refused;

        ParsingListener(ServerCall.Listener<Q> next, ParsedCall<Q, R> call) {
            this.next = next;
            this.call = call;
        }

        @Override
        public void onMessage(InputStream message) {
            if (refused) {
                return;
            }
            Q request;
            try {
                request = call.method.parseRequest(message);
            } catch (RuntimeException e) {
                refused = true;
                call.refuse(e);
                return;
            }
            next.onMessage(request);
        }

        @Override
        public void onHalfClose() {
            if (!refused) {
                next.onHalfClose();
            }
        }

        @Override
        public void onReady() {
            if (!refused) {
                next.onReady();
            }
        }

        @Override
        public void onCancel() {
            next.onCancel();
        }

        @Override
        public void onComplete() {
            next.onComplete();
        }
    }
}
