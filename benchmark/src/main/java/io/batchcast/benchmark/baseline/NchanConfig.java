package io.batchcast.benchmark.baseline;

import java.nio.file.Path;

/**
 * nginx.conf for the fan-out baseline: Nchan on loopback, one publisher location and one EventSource subscriber
 * location on one channel, every path inside the harness's temp directory, no access log (the gateway keeps none
 * either), as many workers as cores.
 */
record NchanConfig(Path dir, Path module, int port, int workerConnections) {

    static final String CHANNEL = "bench";

    String render() {
        return """
                load_module %s;
                worker_processes auto;
                worker_rlimit_nofile %d;
                daemon off;
                master_process on;
                user root;
                pid %s;
                error_log %s warn;
                events {
                    worker_connections %d;
                    multi_accept on;
                }
                http {
                    access_log off;
                    client_body_temp_path %s;
                    proxy_temp_path %s;
                    fastcgi_temp_path %s;
                    uwsgi_temp_path %s;
                    scgi_temp_path %s;
                    server {
                        listen 127.0.0.1:%d backlog=4096;
                        location = /pub {
                            nchan_publisher;
                            nchan_channel_id %s;
                            nchan_message_buffer_length 256;
                            nchan_message_timeout 10m;
                        }
                        location = /sub {
                            nchan_subscriber eventsource;
                            nchan_channel_id %s;
                            nchan_eventsource_event order_batch_update;
                            nchan_subscriber_first_message newest;
                        }
                    }
                }
                """.formatted(module, workerConnections + 64, dir.resolve("nginx.pid"), dir.resolve("error.log"),
                workerConnections, dir.resolve("body"), dir.resolve("proxy"), dir.resolve("fastcgi"),
                dir.resolve("uwsgi"), dir.resolve("scgi"), port, CHANNEL, CHANNEL);
    }
}
