package io.batchcast.benchmark.sse;

import java.net.InetSocketAddress;

/** Where a reader connects: the server address, the request path and an optional bearer token. */
public record SseEndpoint(InetSocketAddress server, String path, String bearerToken) {

    public static SseEndpoint loopback(int port, String path, String bearerToken) {
        return new SseEndpoint(new InetSocketAddress("127.0.0.1", port), path, bearerToken);
    }

    byte[] request() {
        StringBuilder request = new StringBuilder(256)
                .append("GET ").append(path).append(" HTTP/1.1\r\n")
                .append("Host: ").append(server.getHostString()).append(':').append(server.getPort()).append("\r\n")
                .append("Accept: text/event-stream\r\n")
                .append("Cache-Control: no-cache\r\n");
        if (bearerToken != null) {
            request.append("Authorization: Bearer ").append(bearerToken).append("\r\n");
        }
        return request.append("\r\n").toString().getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }
}
