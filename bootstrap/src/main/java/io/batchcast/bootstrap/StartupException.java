package io.batchcast.bootstrap;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** A startup step failed for a reason its message says in full, with what to change; the process exits non-zero. */
final class StartupException extends RuntimeException {

    private StartupException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * The {@code what} listener could not bind {@code host:port}. The reason is the operating system's, asked again
     * with a probe socket, because Helidon's web server reports only that it failed.
     */
    static StartupException cannotListen(String what, String host, int port, String variable, Throwable cause) {
        return new StartupException("cannot listen on the " + what + " port " + port + " (" + reason(host, port, cause)
                + "); set " + variable + " to a free port", cause);
    }

    private static String reason(String host, int port, Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof java.net.BindException) {
                return t.getMessage();
            }
        }
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress(host, port));
            return "it could not be bound";
        } catch (IOException e) {
            return e.getMessage();
        }
    }
}
