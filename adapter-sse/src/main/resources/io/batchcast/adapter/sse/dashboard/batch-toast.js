// The text of one batch toast (the origin design's createBatchToast), e.g.
//   "LIMIT: 5 created, 3 cancelled · STOP_LIMIT: 2 created"
// Rule: every order type of the batch in the order the server sent them (LIMIT, STOP_LIMIT, STOP_MARKET, MARKET),
// each as "<TYPE>: <parts>" where the parts are "<n> created" and "<n> cancelled" joined by ", ", and a part whose
// count is 0 is left out ("2 created", not "2 created, 0 cancelled"). Types are joined by " · " (U+00B7).

const TYPE_SEPARATOR = ' \u00B7 ';

export function summaryText(summary) {
  const parts = [];
  if (summary.created > 0) parts.push(`${summary.created} created`);
  if (summary.cancelled > 0) parts.push(`${summary.cancelled} cancelled`);
  return parts.length ? `${summary.order_type}: ${parts.join(', ')}` : '';
}

export function batchToastText(summaries) {
  return summaries.map(summaryText).filter((text) => text !== '').join(TYPE_SEPARATOR);
}
