package io.batchcast.application.service;

import io.batchcast.application.port.in.OperationRequest;
import io.batchcast.application.port.in.SubmitOrderBatchCommand;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 of a batch's payload (strategy and operations, not the request id), so a reused request id with another
 * payload is recognised. Every field is length-prefixed: no two payloads share an encoding.
 */
final class RequestHash {

    private RequestHash() {
    }

    static String of(SubmitOrderBatchCommand command) {
        StringBuilder canonical = new StringBuilder(64 + command.operations().size() * 64);
        field(canonical, Long.toString(command.strategyId()));
        for (OperationRequest op : command.operations()) {
            switch (op) {
                case OperationRequest.Create c -> {
                    field(canonical, "create");
                    field(canonical, c.clientOrderId());
                    field(canonical, c.symbol());
                    field(canonical, c.side() == null ? null : c.side().name());
                    field(canonical, c.orderType() == null ? null : c.orderType().name());
                    field(canonical, c.quantity());
                    field(canonical, c.price());
                    field(canonical, c.stopPrice());
                }
                case OperationRequest.Cancel c -> {
                    field(canonical, "cancel");
                    field(canonical, c.orderId());
                    field(canonical, c.clientOrderId());
                }
                case OperationRequest.Missing m -> field(canonical, "missing");
            }
        }
        return HexFormat.of().formatHex(sha256().digest(canonical.toString().getBytes(StandardCharsets.UTF_8)));
    }

    private static void field(StringBuilder out, String value) {
        String v = value == null ? "" : value;
        out.append(v.length()).append(':').append(v);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK provides SHA-256", e);
        }
    }
}
