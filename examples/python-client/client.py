#!/usr/bin/env python3
"""A Batchcast client in Python, on Debian's python3-grpcio and python3-grpc-tools.

    BATCHCAST_GRPC=localhost:9090 BATCHCAST_HTTP=http://localhost:8080 BATCHCAST_TOKEN=<jwt> \\
        /usr/bin/python3 examples/python-client/client.py

It compiles the project's own .proto files with grpc_tools.protoc at start (into a temporary directory), then:
creates a strategy, opens the strategy's SSE stream, submits a batch with a request_id, retries it (the same
response comes back), reads it back with GetOrderBatch, lists its orders with ListOrders, and waits for the batch's
order_batch_update frame on the SSE stream. Every step is checked; any failure exits with status 1.
"""

import http.client
import json
import os
import queue
import sys
import tempfile
import threading
import time
import urllib.parse

import grpc
import grpc_tools
from grpc_tools import protoc

HERE = os.path.dirname(os.path.abspath(__file__))
PROTO_ROOT = os.path.join(HERE, "..", "..", "proto", "src", "main", "proto")
TARGET = os.environ.get("BATCHCAST_GRPC", "localhost:9090")
HTTP = os.environ.get("BATCHCAST_HTTP", "http://localhost:8080")
TOKEN = os.environ.get("BATCHCAST_TOKEN", "")
DEADLINE_S = 10


class CheckFailed(Exception):
    pass


def check(condition, message):
    if not condition:
        raise CheckFailed(message)


def load_api():
    """Generates the batchcast.v1 modules from the .proto files and imports them."""
    out = tempfile.mkdtemp(prefix="batchcast-py-")
    well_known = os.path.join(os.path.dirname(grpc_tools.__file__), "_proto")  # google/protobuf/timestamp.proto
    args = ["grpc_tools.protoc", "-I" + PROTO_ROOT, "-I" + well_known, "--python_out=" + out,
            "--grpc_python_out=" + out, "batchcast/v1/order_batch.proto", "batchcast/v1/strategy.proto"]
    if protoc.main(args) != 0:
        raise CheckFailed("protoc could not compile the .proto files under " + PROTO_ROOT)
    sys.path.insert(0, out)
    from batchcast.v1 import order_batch_pb2, order_batch_pb2_grpc, strategy_pb2, strategy_pb2_grpc
    return order_batch_pb2, order_batch_pb2_grpc, strategy_pb2, strategy_pb2_grpc


class SseReader(threading.Thread):
    """Reads one SSE stream with http.client and hands each frame (event, id, data) to a queue."""

    def __init__(self, strategy_id):
        super().__init__(daemon=True)
        url = urllib.parse.urlsplit(HTTP)
        self.connection = http.client.HTTPConnection(url.hostname, url.port or 80, timeout=30)
        self.path = "/api/v1/strategies/%d/events" % strategy_id
        self.frames = queue.Queue()
        self.opened = threading.Event()
        self.failure = None

    def run(self):
        try:
            self.connection.request("GET", self.path, headers={
                "Authorization": "Bearer " + TOKEN, "Accept": "text/event-stream"})
            response = self.connection.getresponse()
            if response.status != 200:
                raise CheckFailed("GET %s answered %d: %s" % (self.path, response.status, response.read()[:200]))
            frame = {}
            while True:
                line = response.readline()
                if not line:
                    return  # the server closed the stream
                line = line.decode("utf-8").rstrip("\r\n")
                if line == "":  # a blank line ends a frame
                    if "data" in frame:
                        self.frames.put(frame)
                    frame = {}
                elif line.startswith(":"):
                    continue  # a comment: the keepalive heartbeat
                else:
                    field, _, value = line.partition(":")
                    value = value[1:] if value.startswith(" ") else value
                    if field == "retry":
                        self.opened.set()  # the server's first line: the stream is subscribed
                    elif field == "data":
                        frame["data"] = frame["data"] + "\n" + value if "data" in frame else value
                    elif field in ("event", "id"):
                        frame[field] = value
        except Exception as e:  # reported by next_frame / wait_open in the main thread
            self.failure = e
            self.opened.set()

    def wait_open(self):
        check(self.opened.wait(DEADLINE_S), "the SSE stream did not open within %d s" % DEADLINE_S)
        if self.failure:
            raise self.failure

    def next_frame(self, timeout):
        try:
            return self.frames.get(timeout=timeout)
        except queue.Empty:
            if self.failure:
                raise self.failure
            return None

    def close(self):
        self.connection.close()


def create(pb, client_order_id, order_type, side, quantity, price="", stop_price=""):
    return pb.OrderOperation(create=pb.CreateOrder(
        client_order_id=client_order_id, symbol="BTC-USDT", side=side, order_type=order_type,
        quantity=quantity, price=price, stop_price=stop_price))


def summaries(pb, summary_list):
    return ",".join("%s:%d/%d" % (pb.OrderType.Name(s.order_type).replace("ORDER_TYPE_", ""), s.created, s.cancelled)
                    for s in summary_list)


def main():
    check(TOKEN, "set BATCHCAST_TOKEN to an HS256 JWT signed with the server secret (sub = user id)")
    pb, pb_grpc, strategy_pb, strategy_grpc = load_api()
    metadata = (("authorization", "Bearer " + TOKEN),)
    run = "py-%x" % int(time.time() * 1000)
    with grpc.insecure_channel(TARGET) as channel:
        strategies = strategy_grpc.StrategyServiceStub(channel)
        batches = pb_grpc.OrderBatchServiceStub(channel)

        strategy = strategies.CreateStrategy(strategy_pb.CreateStrategyRequest(name="python client " + run),
                                             metadata=metadata, timeout=DEADLINE_S)
        print('created strategy %d "%s" on %s' % (strategy.id, strategy.name, TARGET))

        sse = SseReader(strategy.id)
        sse.start()
        sse.wait_open()
        print("SSE stream %s%s open" % (HTTP, sse.path))

        request = pb.SubmitOrderBatchRequest(strategy_id=strategy.id, request_id=run + "-batch", operations=[
            create(pb, run + "-limit-1", pb.ORDER_TYPE_LIMIT, pb.SIDE_BUY, "0.010", price="30000.50"),
            create(pb, run + "-limit-2", pb.ORDER_TYPE_LIMIT, pb.SIDE_BUY, "0.02", price="29950"),
            create(pb, run + "-stop-1", pb.ORDER_TYPE_STOP_LIMIT, pb.SIDE_SELL, "0.01", price="29000",
                   stop_price="29500"),
        ])
        submitted = batches.SubmitOrderBatch(request, metadata=metadata, timeout=DEADLINE_S)
        print("submitted batch %s, event %s, summaries %s"
              % (submitted.batch_id, submitted.event_id, summaries(pb, submitted.summaries)))
        check([r.outcome for r in submitted.results] == [pb.OPERATION_OUTCOME_CREATED] * 3, "three CREATED results")
        check(summaries(pb, submitted.summaries) == "LIMIT:2/0,STOP_LIMIT:1/0",
              "summaries " + summaries(pb, submitted.summaries))

        retried = batches.SubmitOrderBatch(request, metadata=metadata, timeout=DEADLINE_S)
        check(retried == submitted, "a retry with the same request_id returns the stored response, field for field")
        print("retry of %s returned the same response" % request.request_id)

        read = batches.GetOrderBatch(pb.GetOrderBatchRequest(strategy_id=strategy.id, batch_id=submitted.batch_id),
                                     metadata=metadata, timeout=DEADLINE_S)
        check(read == submitted, "GetOrderBatch returns the response the submit returned")
        print("GetOrderBatch %s returned the same response" % submitted.batch_id)

        orders = batches.ListOrders(pb.ListOrdersRequest(strategy_id=strategy.id, page_size=10),
                                    metadata=metadata, timeout=DEADLINE_S)
        for order in orders.orders:
            print("  order %s %s %s %s qty=%s price=%s stop=%s %s"
                  % (order.order_id, order.client_order_id, pb.Side.Name(order.side),
                     pb.OrderType.Name(order.order_type), order.quantity, order.price, order.stop_price,
                     pb.OrderStatus.Name(order.status)))
        by_client_id = {o.client_order_id: o for o in orders.orders}
        check(len(orders.orders) == 3 and orders.next_page_token == "", "ListOrders lists the 3 orders on one page")
        check(by_client_id[run + "-limit-1"].quantity == "0.01", "decimals come back canonical (0.010 is 0.01)")
        check(by_client_id[run + "-limit-1"].price == "30000.5", "decimals come back canonical (30000.50 is 30000.5)")

        deadline = time.monotonic() + DEADLINE_S
        while True:
            remaining = deadline - time.monotonic()
            check(remaining > 0, "no order_batch_update for batch %s within %d s" % (submitted.batch_id, DEADLINE_S))
            frame = sse.next_frame(remaining)
            if frame is None or frame.get("event") != "order_batch_update":
                continue
            data = json.loads(frame["data"])
            if data["data"]["batch_id"] == submitted.batch_id:
                break
        check(frame["id"] == submitted.event_id, "the frame's id %s is the batch's event_id" % frame["id"])
        check(data["type"] == "order_batch_update" and data["data"]["strategy_id"] == strategy.id, "frame data")
        check(data["data"]["summaries"] == [{"order_type": "LIMIT", "created": 2, "cancelled": 0},
                                            {"order_type": "STOP_LIMIT", "created": 1, "cancelled": 0}],
              "frame summaries %s" % data["data"]["summaries"])
        print("SSE delivered id: %s event: order_batch_update data: %s" % (frame["id"], frame["data"]))
        sse.close()
    print("OK")


if __name__ == "__main__":
    try:
        main()
    except grpc.RpcError as e:
        print("FAILED (gRPC status %s): %s" % (e.code().name, e.details()), file=sys.stderr)
        sys.exit(1)
    except Exception as e:
        print("FAILED: %s" % e, file=sys.stderr)
        sys.exit(1)
