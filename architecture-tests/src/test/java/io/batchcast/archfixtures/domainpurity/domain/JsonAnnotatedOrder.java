package io.batchcast.archfixtures.domainpurity.domain;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Planted: a serialization framework's annotation in the domain. */
public class JsonAnnotatedOrder {

    @JsonProperty("client_order_id")
    String clientOrderId;
}
