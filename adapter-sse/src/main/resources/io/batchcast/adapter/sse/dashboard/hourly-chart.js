// The last 24 hours of one strategy as an SVG bar chart: per UTC hour three bars (created, cancelled, rejected),
// each stacked by order type (LIMIT at the bottom, then STOP_LIMIT, STOP_MARKET, MARKET). Every segment carries its
// numbers as data attributes (data-hour, data-kind, data-type, data-value) and a <title> for the pointer.

export const ORDER_TYPES = ['LIMIT', 'STOP_LIMIT', 'STOP_MARKET', 'MARKET'];
export const KINDS = ['created', 'cancelled', 'rejected'];
export const HOURS = 24;
const HOUR_MILLIS = 3600 * 1000;
const SVG = 'http://www.w3.org/2000/svg';

// [from, to) of the chart: the 23 whole hours before the current one, and the current one
export function chartWindow(now) {
  const currentHour = Math.floor(now.getTime() / HOUR_MILLIS) * HOUR_MILLIS;
  return { from: new Date(currentHour - (HOURS - 1) * HOUR_MILLIS), to: new Date(currentHour + HOUR_MILLIS) };
}

// "2026-12-01T18:00:00Z", the server's form of an hour
export function hourText(date) {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

// Sums per order type and kind over the hours, plus batches: the figures and the table under the chart.
export function totals(hours) {
  const sum = { batches: 0, created: 0, cancelled: 0, rejected: 0, byType: {} };
  for (const type of ORDER_TYPES) sum.byType[type] = { created: 0, cancelled: 0, rejected: 0 };
  for (const hour of hours) {
    sum.batches += hour.batches;
    for (const row of hour.order_types) {
      const target = sum.byType[row.order_type];
      if (!target) continue;
      for (const kind of KINDS) {
        target[kind] += row[kind];
        sum[kind] += row[kind];
      }
    }
  }
  return sum;
}

function element(name, attributes, parent) {
  const node = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, String(value));
  if (parent) parent.append(node);
  return node;
}

function niceMax(value) {
  if (value <= 4) return 4;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 2.5, 5, 10]) {
    if (value <= step * magnitude) return step * magnitude;
  }
  return 10 * magnitude;
}

function localHour(date) {
  return date.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', hour12: false });
}

// Draws the chart into `container` (replacing what was there), `width` pixels wide.
export function drawHourlyChart(container, hours, window, width) {
  const height = 200;
  const margin = { top: 10, right: 8, bottom: 24, left: 36 };
  const plotWidth = Math.max(width - margin.left - margin.right, HOURS * 3);
  const plotHeight = height - margin.top - margin.bottom;
  const byHour = new Map(hours.map((hour) => [hour.hour, hour]));
  let peak = 0;
  for (const hour of hours) {
    for (const kind of KINDS) {
      peak = Math.max(peak, hour.order_types.reduce((total, row) => total + row[kind], 0));
    }
  }
  const top = niceMax(peak);
  const svg = element('svg', {
    width, height, viewBox: `0 0 ${width} ${height}`, role: 'img', class: 'hourly-chart',
    'aria-label': 'Orders created, cancelled and rejected per hour, last 24 hours',
  });
  const plot = element('g', { transform: `translate(${margin.left},${margin.top})` }, svg);
  for (const fraction of [0, 0.5, 1]) {
    const y = plotHeight - fraction * plotHeight;
    element('line', { x1: 0, x2: plotWidth, y1: y, y2: y, class: 'grid' }, plot);
    element('text', { x: -6, y: y + 4, class: 'axis', 'text-anchor': 'end' }, plot).textContent = String(top * fraction);
  }
  const groupWidth = plotWidth / HOURS;
  const barWidth = Math.max(1, (groupWidth - 2) / KINDS.length);
  const labelEvery = width < 600 ? 6 : 3;
  for (let i = 0; i < HOURS; i += 1) {
    const start = new Date(window.from.getTime() + i * HOUR_MILLIS);
    const key = hourText(start);
    const hour = byHour.get(key);
    const x0 = i * groupWidth + 1;
    if (i % labelEvery === 0) {
      element('text', { x: x0, y: plotHeight + 16, class: 'axis' }, plot).textContent = localHour(start);
    }
    if (!hour) continue;
    KINDS.forEach((kind, k) => {
      let base = plotHeight;
      for (const type of ORDER_TYPES) {
        const row = hour.order_types.find((r) => r.order_type === type);
        const value = row ? row[kind] : 0;
        if (value === 0) continue;
        const h = (value / top) * plotHeight;
        base -= h;
        const bar = element('rect', {
          x: x0 + k * barWidth, y: base, width: Math.max(barWidth - 1, 1), height: Math.max(h, 1),
          class: `bar kind-${kind} type-${type}`,
          'data-hour': key, 'data-kind': kind, 'data-type': type, 'data-value': value,
        }, plot);
        element('title', {}, bar).textContent = `${localHour(start)} · ${type} ${kind}: ${value}`;
      }
    });
  }
  container.replaceChildren(svg);
}
