package io.batchcast.application.port.in;

/**
 * Opens an event stream for any protocol: admits it under the per-user limit (a connection counts once, however
 * many strategies it carries), subscribes it (replay, then live) and hands back a stream that the adapter runs
 * with its byte sink. The protocol only encodes frames.
 */
@FunctionalInterface
public interface OpenEventStreamUseCase {

    <F> StreamOpening<F> open(OpenEventStream request, StreamProtocol<F> protocol);
}
