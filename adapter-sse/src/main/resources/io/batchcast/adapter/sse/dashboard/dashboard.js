// Batchcast dashboard: one strategy's order-batch events, live. No framework, no build step.
import { batchToastText } from './batch-toast.js';

const MAX_ROWS = 50;
const MAX_TOASTS = 4;
const TOAST_MILLIS = 8000;
const MAX_BACKOFF_MILLIS = 30000;

const $ = (id) => document.getElementById(id);

const view = {
  state(state, text) {
    const pill = $('connection-state');
    pill.dataset.state = state;
    pill.textContent = text;
  },
  reconnects(count) { $('reconnect-count').textContent = String(count); },
  lastEventId(id) { $('last-event-id').textContent = id || '–'; },
  problem(text) {
    const box = $('problem');
    box.textContent = text || '';
    box.hidden = !text;
  },
  resync(reason, headId) {
    $('resync-text').textContent = ` Reason: ${reason}. Live updates continue from event ${headId || '(none yet)'}; `
      + 'reload your order view for the full picture.';
    $('resync-notice').hidden = false;
  },
};

const totals = { batches: 0, created: 0, cancelled: 0 };

function showToast(text, timestamp) {
  const box = $('toasts');
  const toast = document.createElement('div');
  toast.className = 'toast';
  toast.setAttribute('role', 'status');
  const title = document.createElement('div');
  title.className = 'toast-title';
  title.textContent = `Order batch · ${localTime(timestamp)}`;
  const body = document.createElement('div');
  body.className = 'toast-text';
  body.textContent = text;
  const close = document.createElement('button');
  close.type = 'button';
  close.className = 'dismiss';
  close.setAttribute('aria-label', 'Dismiss');
  close.textContent = '×';
  close.addEventListener('click', () => toast.remove());
  toast.append(title, body, close);
  box.prepend(toast);
  while (box.children.length > MAX_TOASTS) box.lastElementChild.remove();
  setTimeout(() => toast.remove(), TOAST_MILLIS);
}

function addBatchRow(batch, eventId, text) {
  const row = document.createElement('tr');
  const cells = [
    [localTime(batch.timestamp), 'time', batch.timestamp],
    [text, 'orders', ''],
    [batch.batch_id.slice(0, 8), 'mono', batch.batch_id],
    [eventId, 'mono', ''],
  ];
  for (const [value, cls, title] of cells) {
    const cell = document.createElement('td');
    cell.className = cls;
    cell.textContent = value;
    if (title) cell.title = title;
    row.append(cell);
  }
  const rows = $('batch-rows');
  rows.prepend(row);
  while (rows.children.length > MAX_ROWS) rows.lastElementChild.remove();
  $('no-batches').hidden = true;
  $('batch-table').hidden = false;
}

function countBatch(summaries) {
  totals.batches += 1;
  for (const s of summaries) {
    totals.created += s.created;
    totals.cancelled += s.cancelled;
  }
  $('total-batches').textContent = totals.batches.toLocaleString();
  $('total-created').textContent = totals.created.toLocaleString();
  $('total-cancelled').textContent = totals.cancelled.toLocaleString();
}

function localTime(iso) {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return date.toLocaleTimeString([], { hour12: false }) + '.' + String(date.getMilliseconds()).padStart(3, '0');
}

// The stream: a reload resumes from the tab's last cursor. EventSource reconnects by itself (sending Last-Event-ID)
// while the server answered 200 before. When it gives up (the server refused with 401/404/429, which EventSource
// cannot tell apart), one probe request learns the status, and the page either explains the problem or opens a new
// EventSource that resumes by last_event_id.
class BatchStream {
  constructor(strategy, token) {
    this.strategy = strategy;
    this.token = token;
    // kept per tab, so a reload resumes where the page was instead of silently skipping what came meanwhile
    this.cursorKey = `batchcast.cursor.${strategy}`;
    this.lastEventId = sessionStorage.getItem(this.cursorKey) || '';
    view.lastEventId(this.lastEventId);
    this.reconnects = 0;
    this.backoff = 1000;
    this.wasLive = false;
    this.source = null;
  }

  url(withCursor) {
    const query = new URLSearchParams();
    if (this.token) query.set('access_token', this.token);
    if (withCursor && this.lastEventId) query.set('last_event_id', this.lastEventId);
    const text = query.toString();
    return `/api/v1/strategies/${this.strategy}/events${text ? `?${text}` : ''}`;
  }

  open() {
    view.state('connecting', 'Connecting…');
    const source = new EventSource(this.url(true));
    this.source = source;
    source.onopen = () => {
      this.wasLive = true;
      this.backoff = 1000;
      view.problem('');
      view.state('live', 'Live');
    };
    source.onerror = () => this.failed(source);
    source.addEventListener('order_batch_update', (event) => this.batch(event));
    source.addEventListener('resync', (event) => this.resync(event));
  }

  batch(event) {
    const batch = JSON.parse(event.data).data;
    this.moveCursor(event.lastEventId);
    const text = batchToastText(batch.summaries);
    showToast(text, batch.timestamp);
    addBatchRow(batch, event.lastEventId, text);
    countBatch(batch.summaries);
  }

  resync(event) {
    const info = JSON.parse(event.data).data;
    this.moveCursor(info.head_event_id);
    view.resync(info.reason, info.head_event_id);
  }

  moveCursor(id) {
    this.lastEventId = id || '';
    sessionStorage.setItem(this.cursorKey, this.lastEventId);
    view.lastEventId(this.lastEventId);
  }

  failed(source) {
    if (this.wasLive) {
      // counts the times the page had to re-establish a stream it had (not a first connect that failed)
      this.reconnects += 1;
      view.reconnects(this.reconnects);
    }
    if (source.readyState === EventSource.CONNECTING) {
      view.state('reconnecting', 'Reconnecting…');
      return;
    }
    source.close();
    view.state('reconnecting', 'Checking…');
    this.diagnose();
  }

  async diagnose() {
    const abort = new AbortController();
    let status = 0;
    try {
      const response = await fetch(this.url(false), { cache: 'no-store', signal: abort.signal });
      status = response.status;
    } catch (e) {
      status = 0;
    } finally {
      abort.abort();
    }
    const fatal = {
      400: 'The strategy id is not valid.',
      401: 'The access token was rejected or has expired. Open the dashboard with a fresh access_token.',
      403: 'This page\'s origin is not allowed to read the stream.',
      404: 'No such strategy for this user.',
    }[status];
    if (fatal) {
      view.state('closed', 'Disconnected');
      view.problem(fatal);
      return;
    }
    if (status === 429) view.problem('Too many open streams for this user; retrying shortly.');
    this.retryLater();
  }

  retryLater() {
    const delay = this.backoff;
    this.backoff = Math.min(this.backoff * 2, MAX_BACKOFF_MILLIS);
    view.state('reconnecting', `Reconnecting in ${Math.round(delay / 1000)} s…`);
    setTimeout(() => this.open(), delay);
  }
}

// Trades a token from the URL for the HttpOnly cookie, so stream URLs carry no token. Returns the token to keep
// using in URLs only when the cookie could not be set for a reason other than the token itself.
async function establishSession(token) {
  try {
    const response = await fetch('/api/v1/session', {
      method: 'POST', headers: { Authorization: `Bearer ${token}` }, cache: 'no-store',
    });
    if (response.status === 204) return { token: null };
    if (response.status === 401) return { rejected: true };
  } catch (e) {
    // fall back to the query parameter below
  }
  return { token };
}

function showConnectForm(strategy) {
  const form = $('connect-form');
  form.hidden = false;
  if (strategy) form.elements.strategy.value = strategy;
}

async function start() {
  const params = new URLSearchParams(window.location.search);
  const strategy = params.get('strategy') || '';
  const token = params.get('access_token');
  if (!/^[1-9][0-9]{0,18}$/.test(strategy)) {
    showConnectForm(strategy);
    return;
  }
  $('strategy-label').textContent = `Strategy #${strategy}`;
  $('totals').hidden = false;
  $('batches').hidden = false;
  let urlToken = null;
  if (token) {
    params.delete('access_token');
    history.replaceState(null, '', `${window.location.pathname}?${params}`);
    const session = await establishSession(token);
    if (session.rejected) {
      view.state('closed', 'Disconnected');
      view.problem('The access token was rejected or has expired. Open the dashboard with a fresh access_token.');
      return;
    }
    urlToken = session.token;
  }
  new BatchStream(strategy, urlToken).open();
}

$('resync-dismiss').addEventListener('click', () => { $('resync-notice').hidden = true; });
start();
