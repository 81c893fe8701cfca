// Small pieces the page is built from: an element builder, times and progress in words, a paged table.
import { api } from './api-client.js';

export const STATUS_NAMES = { pending: 'Waiting for the Web Connector', connected: 'Connected', error: 'Needs attention', paused: 'Paused' };
export const INVOICE_STATUS = { open: 'Open', 'partially-paid': 'Partly paid', paid: 'Paid', void: 'Void' };
export const PAYMENT_STATES = { synced: 'Recorded', pending: 'Goes at the next sync', not_sent: 'Stays here', reverted: 'Reverted', needs_action: 'Refused' };

/** A small element builder: attributes, then children (strings become text, never HTML). */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'text') node.textContent = value;
    else if (name === 'class') node.className = value;
    else if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? '' : value);
  }
  node.append(...children.filter((c) => c !== undefined && c !== null));
  return node;
}

export const when = (iso) => (iso ? new Date(iso).toLocaleString() : 'Never');

/** The words a session's counts are kept under, as a partner would say them. */
const COUNT_WORDS = {
  applied: 'synced',
  skipped: 'skipped',
  failed: 'could not be read',
  denied: 'kept by your rules',
  unchanged: 'unchanged',
  deferred: 'queued',
};

/** "240 invoices synced, 25 customers synced": the running session's biggest counts. */
export function countsText(counts) {
  return Object.entries(counts ?? {})
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3)
    .map(([what, n]) => `${n} ${what.replace(/ (applied|skipped|failed|denied|unchanged|deferred)$/, (_, word) => ` ${COUNT_WORDS[word]}`)}`)
    .join(', ');
}

export function phaseText(c) {
  if (!c.lastAuthenticatedAt) return 'Not started: waiting for the Web Connector';
  if (c.progress.phase === 'done' || c.progress.phase === 'up to date') return 'Up to date';
  const phase = c.progress.phase ?? 'starting';
  const counts = countsText(c.progress.counts);
  return `${phase[0].toUpperCase()}${phase.slice(1)} · ${c.progress.percent}%${counts ? ` · ${counts}` : ''}`;
}

export function progressValue(c) {
  return c.progress.phase === 'done' || c.progress.phase === 'up to date' ? 100 : (c.progress.percent ?? 0);
}

export async function copyText(text, button) {
  try {
    await navigator.clipboard.writeText(text);
    button.textContent = 'Copied';
  } catch {
    button.textContent = 'Select and copy it by hand';
  }
}

/** A paged table: the first page on load, then "Load more" while the API has a next cursor. */
export function table(headings, moneyColumns = [], caption = '') {
  const body = el('tbody');
  const more = el('button', { type: 'button', text: 'Load more', hidden: true, 'aria-label': caption ? `Load more: ${caption}` : undefined });
  const empty = el('p', { class: 'hint', text: 'Nothing yet.' });
  // Focusable, so a keyboard can scroll a table wider than a phone (it may hold no button to reach).
  const wrap = el(
    'div',
    { class: 'table-wrap', tabindex: '0' },
    el(
      'table',
      {},
      el('thead', {}, el('tr', {}, ...headings.map((h, i) => el('th', { scope: 'col', class: moneyColumns.includes(i) ? 'money' : undefined, text: h })))),
      body,
    ),
    empty,
    more,
  );
  let source;
  let cursor = null;
  let loading = 0;
  async function fetchPage(first) {
    const ticket = ++loading;
    wrap.setAttribute('aria-busy', 'true');
    try {
      await readPage(first, ticket);
    } finally {
      if (ticket === loading) wrap.removeAttribute('aria-busy');
    }
  }
  async function readPage(first, ticket) {
    const data = await api(
      'GET',
      `${source.path}${source.path.includes('?') ? '&' : '?'}limit=25${cursor && !first ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    // A newer load (a filter changed meanwhile) wins: an older answer is dropped.
    if (ticket !== loading) return;
    const rows = data.items.map((item) =>
      el(
        'tr',
        { class: source.rowClass?.(item) },
        ...source.cells(item).map((v, i) => el('td', { class: moneyColumns.includes(i) ? 'money' : undefined, text: v })),
      ),
    );
    if (first) body.replaceChildren(...rows);
    else body.append(...rows);
    cursor = data.nextCursor;
    more.hidden = !cursor;
    empty.hidden = body.children.length > 0;
  }
  more.addEventListener('click', () => {
    fetchPage(false).catch(() => {
      more.textContent = 'Could not load more: try again';
    });
  });
  return {
    wrap,
    load(path, cells, rowClass) {
      source = { path, cells, rowClass };
      cursor = null;
      return fetchPage(true);
    },
  };
}
