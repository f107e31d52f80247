// One EventSource on /api/v1/events and the dashboards it feeds. Runs inside the SharedWorker (one per browser, all
// tabs) and, where SharedWorker is missing, inside each tab (then narrowed to that tab's strategy).
//
// Messages to a dashboard (plain objects, so they can cross a MessagePort):
//   {type: 'state', state: 'connecting'|'live'|'reconnecting'|'closed', text, reconnects, problem}
//   {type: 'history', frames: [frame...]}   the strategy's most recent batch frames, oldest first, when a dashboard joins
//   {type: 'frame', frame}                  one frame of the dashboard's strategy, as it arrives
//   {type: 'resync', reason, headEventId}   the cursor could not be honoured (the whole subscription)
//   {type: 'strategies', ids: [...]}        every strategy id seen in frames so far (the picker adds unknown ones)
// where frame = {event: 'order_batch_update'|'order_hourly_summary', id, data}.

export const HISTORY_ROWS = 50;
const MAX_BACKOFF_MILLIS = 30000;

export class EventHub {
  // narrowTo: a strategy id for the per-tab fallback, or null for all the caller's strategies
  constructor(narrowTo) {
    this.narrowTo = narrowTo;
    this.dashboards = new Set(); // {strategy, deliver}
    this.recent = new Map(); // strategy id (string) -> frames, oldest first, at most HISTORY_ROWS
    this.token = null;
    this.source = null;
    this.cursor = 'earliest'; // history on the first open; afterwards the last frame's id
    this.opened = false;
    this.reconnects = 0;
    this.backoff = 1000;
    this.state = { type: 'state', state: 'connecting', text: 'Connecting…', reconnects: 0, problem: '' };
  }

  // A dashboard joins: it gets the connection state and its strategy's recent frames now, new frames as they come.
  watch(strategy, token, deliver) {
    const dashboard = { strategy: String(strategy), deliver };
    this.dashboards.add(dashboard);
    if (token) this.token = token;
    deliver(this.state);
    deliver({ type: 'history', frames: this.recent.get(dashboard.strategy) || [] });
    deliver({ type: 'strategies', ids: [...this.recent.keys()] });
    if (!this.source) this.open();
    return dashboard;
  }

  leave(dashboard) {
    this.dashboards.delete(dashboard);
  }

  url(withCursor) {
    const query = new URLSearchParams();
    if (this.narrowTo) query.set('strategy', this.narrowTo);
    if (this.token) query.set('access_token', this.token);
    if (withCursor && this.cursor) query.set('last_event_id', this.cursor);
    return `/api/v1/events?${query}`;
  }

  open() {
    const source = new EventSource(this.url(true));
    this.source = source;
    source.onopen = () => {
      // a reconnect counts once it succeeded; failed attempts in between do not
      if (this.opened) this.reconnects += 1;
      this.opened = true;
      this.backoff = 1000;
      this.publishState('live', 'Live', '');
    };
    source.onerror = () => this.failed(source);
    source.addEventListener('order_batch_update', (event) => this.frame(event));
    source.addEventListener('order_hourly_summary', (event) => this.frame(event));
    source.addEventListener('resync', (event) => this.resync(event));
  }

  frame(event) {
    const frame = { event: event.type, id: event.lastEventId, data: JSON.parse(event.data).data };
    this.cursor = event.lastEventId || this.cursor;
    const strategy = String(frame.data.strategy_id);
    const isNew = !this.recent.has(strategy);
    const frames = this.recent.get(strategy) || [];
    // the history a later tab gets is the table's rows; hourly summaries only tell open tabs to re-read statistics
    if (frame.event === 'order_batch_update') frames.push(frame);
    if (frames.length > HISTORY_ROWS) frames.shift();
    this.recent.set(strategy, frames);
    for (const dashboard of this.dashboards) {
      if (dashboard.strategy === strategy) dashboard.deliver({ type: 'frame', frame });
      if (isNew) dashboard.deliver({ type: 'strategies', ids: [strategy] });
    }
  }

  resync(event) {
    const info = JSON.parse(event.data).data;
    this.cursor = event.lastEventId || info.head_event_id || this.cursor;
    this.broadcast({ type: 'resync', reason: info.reason, headEventId: info.head_event_id });
  }

  publishState(state, text, problem) {
    this.state = { type: 'state', state, text, reconnects: this.reconnects, problem };
    this.broadcast(this.state);
  }

  broadcast(message) {
    for (const dashboard of this.dashboards) dashboard.deliver(message);
  }

  // EventSource retries by itself (sending Last-Event-ID) after a stream that was open drops. When it gives up
  // (the server refused: 401, 404, 429, which it cannot tell apart), one probe learns the status; then either the
  // dashboards explain the problem or a new EventSource resumes from the cursor.
  failed(source) {
    if (source.readyState === EventSource.CONNECTING) {
      this.publishState('reconnecting', 'Reconnecting…', '');
      return;
    }
    source.close();
    this.publishState('reconnecting', 'Checking…', '');
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
      400: 'The request for the event stream was refused as malformed.',
      401: 'The access token was rejected or has expired. Open the dashboard with a fresh access_token.',
      403: 'This page\'s origin is not allowed to read the stream.',
      404: 'No such strategy for this user.',
    }[status];
    if (fatal) {
      this.source = null;
      this.publishState('closed', 'Disconnected', fatal);
      return;
    }
    const problem = status === 429 ? 'Too many open streams for this user; retrying shortly.' : '';
    const delay = this.backoff;
    this.backoff = Math.min(this.backoff * 2, MAX_BACKOFF_MILLIS);
    this.publishState('reconnecting', `Reconnecting in ${Math.round(delay / 1000)} s…`, problem);
    setTimeout(() => this.open(), delay);
  }
}
