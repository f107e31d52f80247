// A Batchcast gRPC client in Node.js, generated at run time from the project's own .proto files.
//
//   npm ci --prefix examples/node-client
//   BATCHCAST_GRPC=localhost:9090 BATCHCAST_TOKEN=<jwt> node examples/node-client/client.mjs
//
// It creates a strategy, submits a batch of 5 LIMIT + 2 STOP_LIMIT creates, cancels one of those orders in a second
// batch (operations of one batch run in parallel, so an order is cancelled in a later batch than the one creating it),
// retries the first batch with its request_id to show idempotency, and reads the second batch's event back from
// StreamOrderBatchEvents by resuming after the first event. It also reads both batches' order_batch_update frames
// from the SSE stream (BATCHCAST_HTTP), and submits one deliberately invalid batch to show the error details the
// server sends in grpc-status-details-bin (google.rpc.Status with BadRequest or ErrorInfo), decoded with the
// google/rpc protos of google-proto-files. Every step is checked; any failure exits non-zero.

import { fileURLToPath } from 'node:url';
import path from 'node:path';
import grpc from '@grpc/grpc-js';
import protoLoader from '@grpc/proto-loader';
import protobuf from 'protobufjs';
import googleProtoFiles from 'google-proto-files';

const here = path.dirname(fileURLToPath(import.meta.url));
const PROTO_ROOT = path.resolve(here, '../../proto/src/main/proto');
const TARGET = process.env.BATCHCAST_GRPC || 'localhost:9090';
const TOKEN = process.env.BATCHCAST_TOKEN;
const USE_TLS = process.env.BATCHCAST_GRPC_TLS === 'true';
const HTTP = process.env.BATCHCAST_HTTP || 'http://localhost:8080';
const DEADLINE_MS = 10_000;

function loadApi() {
  const definition = protoLoader.loadSync(['batchcast/v1/strategy.proto', 'batchcast/v1/order_batch.proto'], {
    includeDirs: [PROTO_ROOT],
    keepCase: true, // field names exactly as in the .proto (strategy_id, not strategyId)
    longs: String, // int64 ids do not fit a JS number in general
    enums: String,
    defaults: true,
    oneofs: true,
  });
  return grpc.loadPackageDefinition(definition).batchcast.v1;
}

// google.rpc.Status and the standard details, from the googleapis protos that google-proto-files ships
const rpcTypes = new protobuf.Root().loadSync([
  googleProtoFiles.getProtoPath('rpc', 'status.proto'),
  googleProtoFiles.getProtoPath('rpc', 'error_details.proto'),
], { keepCase: true }); // field names as in the .proto (field_violations), like the gRPC types above
const RpcStatus = rpcTypes.lookupType('google.rpc.Status');
const DETAIL_TYPES = ['ErrorInfo', 'BadRequest', 'RetryInfo', 'PreconditionFailure', 'ResourceInfo']
  .map((name) => rpcTypes.lookupType(`google.rpc.${name}`));

/** The google.rpc.Status a failed call carries in its grpc-status-details-bin trailer, details decoded. */
function errorDetails(error) {
  const [bytes] = error.metadata ? error.metadata.get('grpc-status-details-bin') : [];
  if (!bytes) {
    return { code: error.code, message: error.details, details: [] };
  }
  const status = RpcStatus.decode(bytes);
  const details = status.details.map((any) => {
    const typeName = any.type_url.substring(any.type_url.lastIndexOf('/') + 1);
    const type = DETAIL_TYPES.find((t) => t.fullName === `.${typeName}`);
    return type ? { type: typeName, ...type.toObject(type.decode(any.value)) } : { type: typeName, undecoded: true };
  });
  return { code: status.code, message: status.message, details };
}

async function failsWith(promise) {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('check failed: the call was expected to fail');
}

/**
 * Reads the strategy's SSE stream with fetch, parsing event:/id:/data: lines; frames() yields each complete frame.
 * open() resolves once the server's first line (retry:) arrived, i.e. once the stream is subscribed.
 */
function sseStream(strategyId) {
  const abort = new AbortController();
  const frames = [];
  let wake = () => {};
  let opened;
  const open = new Promise((resolve) => { opened = resolve; });
  const done = (async () => {
    const response = await fetch(`${HTTP}/api/v1/strategies/${strategyId}/events`, {
      headers: { authorization: `Bearer ${TOKEN}`, accept: 'text/event-stream' },
      signal: abort.signal,
    });
    check(response.status === 200, `the SSE stream answered ${response.status}`);
    const decoder = new TextDecoder();
    let buffer = '';
    let frame = {};
    for await (const chunk of response.body) {
      buffer += decoder.decode(chunk, { stream: true });
      let newline;
      while ((newline = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, newline).replace(/\r$/, '');
        buffer = buffer.slice(newline + 1);
        if (line === '') {
          if (frame.data !== undefined) {
            frames.push(frame);
            wake();
          }
          frame = {};
        } else if (!line.startsWith(':')) { // ': keepalive' comments carry nothing
          const colon = line.indexOf(':');
          const field = colon < 0 ? line : line.slice(0, colon);
          const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
          if (field === 'retry') {
            opened();
          } else if (field === 'data') {
            frame.data = frame.data === undefined ? value : `${frame.data}\n${value}`;
          } else if (field === 'event' || field === 'id') {
            frame[field] = value;
          }
        }
      }
    }
  })().catch((error) => {
    if (error.name !== 'AbortError') {
      throw error;
    }
  });
  return {
    open: () => withTimeout(open, 'the SSE stream did not open'),
    async next() {
      while (frames.length === 0) {
        await withTimeout(new Promise((resolve) => { wake = resolve; }), 'no SSE frame arrived');
      }
      return frames.shift();
    },
    close() {
      abort.abort();
      return done;
    },
  };
}

function withTimeout(promise, message) {
  let timer;
  return Promise.race([promise, new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${message} within ${DEADLINE_MS} ms`)), DEADLINE_MS);
  })]).finally(() => clearTimeout(timer));
}

function call(client, method, request) {
  const metadata = new grpc.Metadata();
  metadata.set('authorization', `Bearer ${TOKEN}`);
  const deadline = new Date(Date.now() + DEADLINE_MS);
  return new Promise((resolve, reject) => {
    client[method](request, metadata, { deadline }, (error, response) => (error ? reject(error) : resolve(response)));
  });
}

function check(condition, message) {
  if (!condition) {
    throw new Error(`check failed: ${message}`);
  }
}

function create(clientOrderId, orderType, extra) {
  return {
    create: {
      client_order_id: clientOrderId,
      symbol: 'BTC-USDT',
      side: orderType === 'ORDER_TYPE_LIMIT' ? 'SIDE_BUY' : 'SIDE_SELL',
      order_type: orderType,
      quantity: '0.01',
      ...extra,
    },
  };
}

function summaries(response) {
  return response.summaries.map((s) => `${s.order_type}:${s.created}/${s.cancelled}`).join(',');
}

function printResults(title, response) {
  console.log(`${title}: batch ${response.batch_id}, event ${response.event_id || '(none)'}`);
  for (const r of response.results) {
    const error = r.error ? ` ${r.error.reason}: ${r.error.message}` : '';
    console.log(`  [${r.index}] ${r.outcome} ${r.order_type} order_id=${r.order_id} client_order_id=${r.client_order_id}${error}`);
  }
  console.log(`  summaries ${summaries(response)}`);
}

function firstEventAfter(client, strategyId, afterEventId) {
  const metadata = new grpc.Metadata();
  metadata.set('authorization', `Bearer ${TOKEN}`);
  const stream = client.StreamOrderBatchEvents({ strategy_id: strategyId, after_event_id: afterEventId }, metadata);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      stream.cancel();
      reject(new Error(`no event after ${afterEventId} within ${DEADLINE_MS} ms`));
    }, DEADLINE_MS);
    stream.on('data', (event) => {
      clearTimeout(timer);
      stream.cancel(); // leaving is normal: the server closes the subscription on cancel
      resolve(event);
    });
    stream.on('error', (error) => {
      clearTimeout(timer);
      if (error.code !== grpc.status.CANCELLED) {
        reject(error);
      }
    });
  });
}

async function main() {
  check(TOKEN, 'set BATCHCAST_TOKEN to an HS256 JWT signed with the server secret (sub = user id)');
  const api = loadApi();
  const credentials = USE_TLS ? grpc.credentials.createSsl() : grpc.credentials.createInsecure();
  const strategies = new api.StrategyService(TARGET, credentials);
  const orderBatches = new api.OrderBatchService(TARGET, credentials);
  const run = `node-${Date.now().toString(36)}`;

  const strategy = await call(strategies, 'CreateStrategy', { name: `node client ${run}` });
  console.log(`created strategy ${strategy.id} "${strategy.name}" on ${TARGET}`);
  const sse = sseStream(strategy.id);
  await sse.open();
  console.log(`SSE stream ${HTTP}/api/v1/strategies/${strategy.id}/events open`);

  const operations = [];
  for (let i = 1; i <= 5; i++) {
    operations.push(create(`${run}-limit-${i}`, 'ORDER_TYPE_LIMIT', { price: '30000' }));
  }
  for (let i = 1; i <= 2; i++) {
    operations.push(create(`${run}-stop-${i}`, 'ORDER_TYPE_STOP_LIMIT', { price: '29000', stop_price: '29500' }));
  }
  const createBatch = { strategy_id: strategy.id, request_id: `${run}-creates`, operations };
  const created = await call(orderBatches, 'SubmitOrderBatch', createBatch);
  printResults('creates', created);
  check(created.results.length === 7, `7 results, got ${created.results.length}`);
  check(created.results.every((r) => r.outcome === 'OPERATION_OUTCOME_CREATED'), 'every create succeeded');
  check(summaries(created) === 'ORDER_TYPE_LIMIT:5/0,ORDER_TYPE_STOP_LIMIT:2/0', `summaries ${summaries(created)}`);
  check(created.event_id !== '', 'an event was emitted');

  const cancelled = await call(orderBatches, 'SubmitOrderBatch', {
    strategy_id: strategy.id,
    request_id: `${run}-cancel`,
    operations: [{ cancel: { client_order_id: `${run}-limit-1` } }],
  });
  printResults('cancel', cancelled);
  check(cancelled.results[0].outcome === 'OPERATION_OUTCOME_CANCELLED', 'the cancel succeeded');
  check(summaries(cancelled) === 'ORDER_TYPE_LIMIT:0/1', `summaries ${summaries(cancelled)}`);

  const retried = await call(orderBatches, 'SubmitOrderBatch', createBatch);
  check(retried.batch_id === created.batch_id, 'a retry with the same request_id returns the stored response');
  console.log(`retry of ${createBatch.request_id} returned the stored batch ${retried.batch_id}`);

  // Reading back: the stored result of a batch, and the strategy's orders newest first, page by page.
  const readBack = await call(orderBatches, 'GetOrderBatch', { strategy_id: strategy.id, batch_id: created.batch_id });
  check(JSON.stringify(readBack) === JSON.stringify(created), 'GetOrderBatch returns exactly the submit\'s response');
  const unknown = await failsWith(call(orderBatches, 'GetOrderBatch',
    { strategy_id: strategy.id, batch_id: '00000000-0000-0000-0000-000000000000' }));
  check(unknown.code === grpc.status.NOT_FOUND, `an unknown batch is NOT_FOUND, got ${grpc.status[unknown.code]}`);
  const firstPage = await call(orderBatches, 'ListOrders', { strategy_id: strategy.id, page_size: 4 });
  const secondPage = await call(orderBatches, 'ListOrders',
    { strategy_id: strategy.id, page_size: 4, page_token: firstPage.next_page_token });
  const listed = [...firstPage.orders, ...secondPage.orders];
  check(firstPage.orders.length === 4 && secondPage.orders.length === 3 && secondPage.next_page_token === '',
    `7 orders on pages of 4 and 3, got ${firstPage.orders.length} and ${secondPage.orders.length}`);
  check(new Set(listed.map((o) => o.client_order_id)).size === 7, 'every order listed once');
  const cancelledOrder = listed.find((o) => o.client_order_id === `${run}-limit-1`);
  check(cancelledOrder.status === 'ORDER_STATUS_CANCELLED' && cancelledOrder.price === '30000',
    `the cancelled order reads back cancelled at 30000, got ${cancelledOrder.status} ${cancelledOrder.price}`);
  const open = await call(orderBatches, 'ListOrders', { strategy_id: strategy.id, status: 'ORDER_STATUS_OPEN' });
  check(open.orders.length === 6, `6 open orders, got ${open.orders.length}`);
  console.log(`read back batch ${readBack.batch_id}; ListOrders: ${listed.length} orders on 2 pages, ${open.orders.length} open`);

  const event = await firstEventAfter(orderBatches, strategy.id, created.event_id);
  check(event.event_id === cancelled.event_id, `resumed stream delivers ${cancelled.event_id}, got ${event.event_id}`);
  check(event.batch_id === cancelled.batch_id, 'the event belongs to the cancel batch');
  console.log(`stream after ${created.event_id} delivered ${event.event_id} (batch ${event.batch_id})`);

  for (const [batch, expected] of [[created, [['LIMIT', 5, 0], ['STOP_LIMIT', 2, 0]]], [cancelled, [['LIMIT', 0, 1]]]]) {
    const frame = await sse.next();
    const data = JSON.parse(frame.data);
    console.log(`SSE id: ${frame.id} event: ${frame.event} data: ${frame.data}`);
    check(frame.event === 'order_batch_update', `an order_batch_update frame, got ${frame.event}`);
    check(frame.id === batch.event_id, `the frame's id is the batch's event_id ${batch.event_id}, got ${frame.id}`);
    check(data.type === 'order_batch_update' && data.data.batch_id === batch.batch_id, 'the frame is the batch\'s');
    check(JSON.stringify(data.data.summaries) === JSON.stringify(expected.map(([order_type, created, cancelled]) =>
      ({ order_type, created, cancelled }))), `frame summaries ${JSON.stringify(data.data.summaries)}`);
  }
  await sse.close();

  // A LIMIT order without a price and with a negative quantity: the whole batch is refused before anything runs.
  const invalid = await failsWith(call(orderBatches, 'SubmitOrderBatch', {
    strategy_id: strategy.id,
    operations: [create(`${run}-bad`, 'ORDER_TYPE_LIMIT', { quantity: '-1' })],
  }));
  const badRequest = errorDetails(invalid);
  console.log(`invalid batch: ${grpc.status[invalid.code]} ${JSON.stringify(badRequest)}`);
  check(invalid.code === grpc.status.INVALID_ARGUMENT, `INVALID_ARGUMENT, got ${grpc.status[invalid.code]}`);
  check(badRequest.details.length === 1 && badRequest.details[0].type === 'google.rpc.BadRequest',
    'one google.rpc.BadRequest detail');
  const fields = badRequest.details[0].field_violations.map((v) => v.field);
  check(JSON.stringify(fields) === JSON.stringify(['operations[0].create.quantity', 'operations[0].create.price']),
    `field violations name the fields, got ${JSON.stringify(fields)}`);

  // A cursor ahead of the stream's head: OUT_OF_RANGE, with the head to resume from in an ErrorInfo.
  const epoch = cancelled.event_id.slice(0, cancelled.event_id.lastIndexOf('-'));
  const outOfRange = await failsWith(firstEventAfter(orderBatches, strategy.id, `${epoch}-999999`));
  const errorInfo = errorDetails(outOfRange);
  console.log(`cursor ahead of the head: ${grpc.status[outOfRange.code]} ${JSON.stringify(errorInfo)}`);
  check(outOfRange.code === grpc.status.OUT_OF_RANGE, `OUT_OF_RANGE, got ${grpc.status[outOfRange.code]}`);
  check(errorInfo.details.length === 1 && errorInfo.details[0].type === 'google.rpc.ErrorInfo'
    && errorInfo.details[0].metadata.head_event_id === cancelled.event_id,
    `an ErrorInfo with head_event_id ${cancelled.event_id}`);

  strategies.close();
  orderBatches.close();
  console.log('OK');
}

main().catch((error) => {
  const status = error.code !== undefined ? ` (gRPC status ${error.code}: ${grpc.status[error.code]})` : '';
  console.error(`FAILED${status}: ${error.details || error.message}`);
  process.exit(1);
});
