// A Batchcast gRPC client in Node.js, generated at run time from the project's own .proto files.
//
//   npm ci --prefix examples/node-client
//   BATCHCAST_GRPC=localhost:9090 BATCHCAST_TOKEN=<jwt> node examples/node-client/client.mjs
//
// It creates a strategy, submits a batch of 5 LIMIT + 2 STOP_LIMIT creates, cancels one of those orders in a second
// batch (operations of one batch run in parallel, so an order is cancelled in a later batch than the one creating it),
// retries the first batch with its request_id to show idempotency, and reads the second batch's event back from
// StreamOrderBatchEvents by resuming after the first event. Every step is checked; any failure exits non-zero.

import { fileURLToPath } from 'node:url';
import path from 'node:path';
import grpc from '@grpc/grpc-js';
import protoLoader from '@grpc/proto-loader';

const here = path.dirname(fileURLToPath(import.meta.url));
const PROTO_ROOT = path.resolve(here, '../../proto/src/main/proto');
const TARGET = process.env.BATCHCAST_GRPC || 'localhost:9090';
const TOKEN = process.env.BATCHCAST_TOKEN;
const USE_TLS = process.env.BATCHCAST_GRPC_TLS === 'true';
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

  const event = await firstEventAfter(orderBatches, strategy.id, created.event_id);
  check(event.event_id === cancelled.event_id, `resumed stream delivers ${cancelled.event_id}, got ${event.event_id}`);
  check(event.batch_id === cancelled.batch_id, 'the event belongs to the cancel batch');
  console.log(`stream after ${created.event_id} delivered ${event.event_id} (batch ${event.batch_id})`);

  strategies.close();
  orderBatches.close();
  console.log('OK');
}

main().catch((error) => {
  const status = error.code !== undefined ? ` (gRPC status ${error.code}: ${grpc.status[error.code]})` : '';
  console.error(`FAILED${status}: ${error.details || error.message}`);
  process.exit(1);
});
