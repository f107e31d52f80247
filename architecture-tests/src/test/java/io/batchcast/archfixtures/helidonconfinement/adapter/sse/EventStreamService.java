package io.batchcast.archfixtures.helidonconfinement.adapter.sse;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;

/** Valid: the SSE adapter is a Helidon HttpService. */
class EventStreamService implements HttpService {

    @Override
    public void routing(HttpRules rules) {
    }
}
