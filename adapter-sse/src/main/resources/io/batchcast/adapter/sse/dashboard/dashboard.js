// Batchcast dashboard: one strategy per tab, every tab of the browser on one event stream. No framework, no build step.
import { batchToastText } from './batch-toast.js';
import { EventHub, HISTORY_ROWS } from './event-hub.js';
import { ORDER_TYPES, chartWindow, drawHourlyChart, hourText, totals } from './hourly-chart.js';

const MAX_TOASTS = 4;
const TOAST_MILLIS = 8000;
// a frame is news (a toast) when its batch completed after this tab opened; older ones are history (rows only).
// The allowance covers the moment between the page starting and the stream delivering.
const STARTED_AT = Date.now();
const NEWS_ALLOWANCE_MILLIS = 2000;
const STATISTICS_REFRESH_MILLIS = 60000;
const STATISTICS_DEBOUNCE_MILLIS = 500;

const $ = (id) => document.getElementById(id);

const view = {
  state(message) {
    const pill = $('connection-state');
    pill.dataset.state = message.state;
    pill.textContent = message.text;
    $('reconnect-count').textContent = String(message.reconnects);
    this.problem(message.problem);
  },
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

function localTime(iso) {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return date.toLocaleTimeString([], { hour12: false }) + '.' + String(date.getMilliseconds()).padStart(3, '0');
}

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
    [batch.batch_count > 1 ? `${text} (${batch.batch_count} batches)` : text, 'orders', ''],
    [batch.batch_id.slice(0, 8), 'mono batch', batch.batch_id],
    [eventId, 'mono event', ''],
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
  while (rows.children.length > HISTORY_ROWS) rows.lastElementChild.remove();
  $('no-batches').hidden = true;
  $('batch-table').hidden = false;
}

// The hourly statistics of the strategy: figures, chart and per-type table, refreshed after each batch (debounced),
// on each hourly summary frame and every minute (so the window moves on with the clock).
class HourlyStatistics {
  constructor(strategy, token) {
    this.strategy = strategy;
    this.token = token;
    this.hours = [];
    this.window = chartWindow(new Date());
    this.pending = null;
    new ResizeObserver(() => this.draw()).observe($('hourly-chart'));
    setInterval(() => this.refresh(), STATISTICS_REFRESH_MILLIS);
  }

  soon() {
    clearTimeout(this.pending);
    this.pending = setTimeout(() => this.refresh(), STATISTICS_DEBOUNCE_MILLIS);
  }

  async refresh() {
    const window = chartWindow(new Date());
    const query = new URLSearchParams({ from: hourText(window.from), to: hourText(window.to) });
    if (this.token) query.set('access_token', this.token);
    let problem = '';
    try {
      const response = await fetch(`/api/v1/strategies/${this.strategy}/statistics/hourly?${query}`,
        { cache: 'no-store' });
      if (response.ok) {
        this.hours = (await response.json()).hours;
        this.window = window;
      } else {
        problem = `The hourly statistics could not be read (HTTP ${response.status}).`;
      }
    } catch (e) {
      problem = 'The hourly statistics could not be read (no answer from the server).';
    }
    $('hourly-problem').textContent = problem;
    $('hourly-problem').hidden = !problem;
    this.draw();
  }

  draw() {
    const sum = totals(this.hours);
    $('total-batches').textContent = sum.batches.toLocaleString();
    $('total-created').textContent = sum.created.toLocaleString();
    $('total-cancelled').textContent = sum.cancelled.toLocaleString();
    $('total-rejected').textContent = sum.rejected.toLocaleString();
    $('totals').dataset.rejected = sum.rejected > 0 ? 'yes' : 'no';
    const rows = ORDER_TYPES.map((type) => {
      const row = document.createElement('tr');
      row.dataset.type = type;
      const counts = sum.byType[type];
      for (const [value, cls] of [[type, ''], [counts.created, 'num created'], [counts.cancelled, 'num cancelled'],
        [counts.rejected, `num rejected${counts.rejected ? ' nonzero' : ''}`]]) {
        const cell = document.createElement(cls ? 'td' : 'th');
        if (cls) cell.className = cls;
        cell.textContent = typeof value === 'number' ? value.toLocaleString() : value;
        row.append(cell);
      }
      return row;
    });
    $('type-rows').replaceChildren(...rows);
    const chart = $('hourly-chart');
    if (chart.clientWidth > 0) drawHourlyChart(chart, this.hours, this.window, chart.clientWidth);
  }
}

// The stream of this tab's strategy: through the browser's SharedWorker when there is one, else an EventSource of
// this tab's own (narrowed to its strategy).
function connect(strategy, token, onMessage) {
  const ownConnection = () => {
    document.documentElement.dataset.connection = 'tab';
    new EventHub(strategy).watch(strategy, token, onMessage);
  };
  if (typeof SharedWorker !== 'function') {
    ownConnection();
    return;
  }
  try {
    const worker = new SharedWorker('events-worker.js', { type: 'module', name: 'batchcast-events' });
    let answered = false;
    // a worker that cannot start (blocked, or no module workers) reports an error before its first message
    worker.onerror = () => { if (!answered) ownConnection(); };
    worker.port.onmessage = (message) => {
      answered = true;
      onMessage(message.data);
    };
    worker.port.start();
    worker.port.postMessage({ type: 'watch', strategy, token });
    window.addEventListener('pagehide', () => worker.port.postMessage({ type: 'leave' }));
    document.documentElement.dataset.connection = 'shared-worker';
  } catch (e) {
    ownConnection();
  }
}

class StrategyView {
  constructor(strategy, token, picker) {
    this.statistics = new HourlyStatistics(strategy, token);
    this.picker = picker;
  }

  handle(message) {
    switch (message.type) {
      case 'state': view.state(message); break;
      case 'history': message.frames.forEach((frame) => this.frame(frame, false)); break;
      case 'frame': this.frame(message.frame, true); break;
      case 'resync': view.resync(message.reason, message.headEventId); break;
      case 'strategies': this.picker.add(message.ids); break;
      default: break;
    }
  }

  frame(frame, live) {
    view.lastEventId(frame.id);
    if (frame.event === 'order_hourly_summary') {
      this.statistics.soon();
      return;
    }
    const batch = frame.data;
    const text = batchToastText(batch.summaries);
    addBatchRow(batch, frame.id, text);
    if (live && Date.parse(batch.timestamp) >= STARTED_AT - NEWS_ALLOWANCE_MILLIS) showToast(text, batch.timestamp);
    if (live) this.statistics.soon();
  }
}

// The strategy picker: the caller's strategies from GET /api/v1/strategies, plus any seen on the stream since.
class StrategyPicker {
  constructor(current) {
    this.current = current;
    this.select = $('strategy-picker');
    this.known = new Set();
    this.select.addEventListener('change', () => {
      const params = new URLSearchParams(window.location.search);
      params.set('strategy', this.select.value);
      window.location.search = params.toString();
    });
  }

  add(ids, names = new Map()) {
    for (const id of ids.map(String)) {
      if (this.known.has(id)) continue;
      this.known.add(id);
      const option = document.createElement('option');
      option.value = id;
      option.textContent = names.has(id) ? `#${id} · ${names.get(id)}` : `#${id}`;
      option.selected = id === this.current;
      this.select.append(option);
    }
    $('picker').hidden = this.known.size === 0;
    $('strategy-label').hidden = !$('picker').hidden;
  }
}

async function listStrategies(token) {
  const strategies = [];
  let afterId = 0;
  for (;;) {
    const query = new URLSearchParams({ after_id: String(afterId) });
    if (token) query.set('access_token', token);
    const response = await fetch(`/api/v1/strategies?${query}`, { cache: 'no-store' });
    if (response.status === 401) return null;
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    const page = await response.json();
    strategies.push(...page.strategies);
    if (page.next_after_id === undefined) return strategies;
    afterId = page.next_after_id;
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

function disconnected(text) {
  view.state({ state: 'closed', text: 'Disconnected', reconnects: 0, problem: text });
}

async function start() {
  const params = new URLSearchParams(window.location.search);
  let strategy = params.get('strategy') || '';
  const token = params.get('access_token');
  if (strategy && !/^[1-9][0-9]{0,18}$/.test(strategy)) {
    showConnectForm('');
    view.problem('The strategy id in the address must be a positive integer.');
    return;
  }
  let urlToken = null;
  if (token) {
    params.delete('access_token');
    history.replaceState(null, '', `${window.location.pathname}?${params}`);
    const session = await establishSession(token);
    if (session.rejected) {
      disconnected('The access token was rejected or has expired. Open the dashboard with a fresh access_token.');
      showConnectForm(strategy);
      return;
    }
    urlToken = session.token;
  }
  let strategies;
  try {
    strategies = await listStrategies(urlToken);
  } catch (e) {
    strategies = [];
  }
  if (strategies === null) {
    showConnectForm(strategy);
    return;
  }
  if (!strategy) {
    if (strategies.length === 0) {
      $('no-strategies').hidden = false;
      return;
    }
    strategy = String(strategies[0].id);
    params.set('strategy', strategy);
    history.replaceState(null, '', `${window.location.pathname}?${params}`);
  }
  const picker = new StrategyPicker(strategy);
  picker.add(strategies.map((s) => s.id), new Map(strategies.map((s) => [String(s.id), s.name])));
  picker.add([strategy]);
  $('strategy-label').textContent = `Strategy #${strategy}`;
  for (const id of ['totals', 'hourly', 'batches']) $(id).hidden = false;
  const strategyView = new StrategyView(strategy, urlToken, picker);
  strategyView.statistics.refresh();
  connect(strategy, urlToken, (message) => strategyView.handle(message));
}

$('resync-dismiss').addEventListener('click', () => { $('resync-notice').hidden = true; });
start();
