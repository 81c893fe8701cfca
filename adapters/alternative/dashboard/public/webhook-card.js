// One webhook endpoint on the page: its facts, Send test / Enable again / Remove, and its recent
// deliveries with failures marked and a Retry button on each finished one.
import { api, plainError } from './api-client.js';
import { el, when } from './page-kit.js';

const PAGE = 10;

/** A delivery's state in the partner's words: a pending one that already failed once is being retried. */
function stateText(d) {
  if (d.state === 'delivered') return 'Delivered';
  if (d.state === 'failed') return 'Failed: gave up';
  return d.attempts > 0 ? 'Retrying' : 'Waiting to send';
}

/** The last attempt's answer: its status, and the error when it says more than the status. */
function outcome(d) {
  const status = d.lastStatus ? `HTTP ${d.lastStatus}` : '';
  return [status, d.lastError && d.lastError !== status ? d.lastError : ''].filter(Boolean).join(' · ') || '—';
}

/** A card for endpoint `w`, appended to `container`; `connectionName(id)` names a delivery's connection. */
export function createWebhookCard(w, container, { connectionName, removed }) {
  const notice = el('p', { class: 'notice', role: 'status' });
  const badge = el('span', { class: 'badge' });
  const facts = el('dl', { class: 'facts' });
  const actions = el('div', { class: 'row-actions' });
  const rows = el('tbody');
  const more = el('button', { type: 'button', text: 'Load more', hidden: true, 'aria-label': `Load more deliveries to ${w.url}` });
  const empty = el('p', { class: 'hint', text: 'No delivery yet.' });
  const heads = ['Event', 'Connection', 'State', 'Attempts', 'Last answer', 'Next attempt', 'Action'];
  const card = el(
    'div',
    { class: 'connection', 'data-webhook': w.id },
    el('div', { class: 'connection-head' }, el('h3', {}, el('code', { text: w.url })), badge),
    facts,
    actions,
    notice,
    el('h4', { text: 'Recent deliveries' }),
    el(
      'div',
      { class: 'table-wrap', tabindex: '0' },
      el('table', {}, el('thead', {}, el('tr', {}, ...heads.map((h) => el('th', { scope: 'col', text: h })))), rows),
      empty,
      more,
    ),
  );
  container.append(card);
  let cursor = null;
  const showError = (error) => (notice.textContent = plainError(error));

  function deliveryRow(d) {
    const failing = d.state === 'failed' || (d.state === 'pending' && (d.lastStatus || d.lastError));
    const retryButton =
      d.state === 'pending' ? '' : el('button', { type: 'button', text: 'Retry', 'aria-label': `Retry ${d.type} ${d.eventId}`, onclick: () => void retry(d) });
    return el(
      'tr',
      { class: failing ? 'needs-attention' : undefined, 'data-delivery': d.id },
      el('td', {}, d.type, el('br'), el('code', { class: 'hint', text: d.eventId })),
      el('td', { text: d.connectionId ? connectionName(d.connectionId) : 'All connections' }),
      el('td', { text: stateText(d) }),
      el('td', { text: String(d.attempts) }),
      el('td', { text: outcome(d) }),
      el('td', { text: d.nextAttemptAt ? when(d.nextAttemptAt) : '—' }),
      el('td', {}, retryButton),
    );
  }

  async function loadDeliveries(first = true) {
    const after = !first && cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
    const page = await api('GET', `/api/webhooks/${w.id}/deliveries?limit=${PAGE}${after}`);
    const drawn = page.items.map(deliveryRow);
    if (first) rows.replaceChildren(...drawn);
    else rows.append(...drawn);
    cursor = page.nextCursor;
    more.hidden = !cursor;
    empty.hidden = rows.children.length > 0;
  }
  more.addEventListener('click', () => void loadDeliveries(false).catch(showError));

  async function act(method, path, body, said) {
    try {
      await api(method, path, body);
      notice.textContent = said;
      return true;
    } catch (error) {
      showError(error);
      return false;
    }
  }

  async function retry(d) {
    if (await act('POST', `/api/webhooks/${w.id}/deliveries/${d.id}/retry`, undefined, `${d.type} is sent again from its first attempt.`)) await refresh();
  }

  function showActions(current) {
    const askToRemove = () => {
      const yes = el('button', { type: 'button', class: 'danger', text: 'Yes, remove', onclick: () => void remove() });
      actions.replaceChildren(
        el('span', { text: 'Its deliveries are deleted too.' }),
        yes,
        el('button', { type: 'button', text: 'Cancel', onclick: () => showActions(current) }),
      );
      yes.focus();
    };
    actions.replaceChildren(
      current.enabled
        ? el('button', { type: 'button', text: 'Send test', 'aria-label': `Send a test event to ${w.url}`, onclick: () => void sendTest() })
        : el('button', { type: 'button', class: 'primary', text: 'Enable again', 'aria-label': `Enable ${w.url} again`, onclick: () => void enable() }),
      el('button', { type: 'button', text: 'Remove', 'aria-label': `Remove ${w.url}`, onclick: askToRemove }),
    );
  }

  async function sendTest() {
    if (await act('POST', `/api/webhooks/${w.id}/test`, undefined, 'A webhook.test event is on its way.')) await refresh();
  }
  async function enable() {
    if (await act('PATCH', `/api/webhooks/${w.id}`, { enabled: true }, 'Enabled again: what waited is sent now.')) await refresh();
  }
  async function remove() {
    if (await act('DELETE', `/api/webhooks/${w.id}`, undefined, '')) removed(w.id);
  }

  function update(next) {
    badge.textContent = next.enabled ? 'Enabled' : 'Disabled';
    badge.className = `badge ${next.enabled ? 'connected' : 'error'}`;
    const fact = (term, value) => el('div', {}, el('dt', { text: term }), el('dd', { text: value }));
    facts.replaceChildren(
      fact('Events', next.events ? next.events.join(', ') : 'All events'),
      fact('Added', when(next.createdAt)),
      fact('Waiting / failed', `${next.stats.pending} / ${next.stats.failed}`),
      ...(next.failingSince ? [fact('Failing since', when(next.failingSince))] : []),
      ...(next.enabled ? [] : [fact('Disabled', `${when(next.disabledAt)}${next.disabledReason ? `: ${next.disabledReason}` : ''}`)]),
    );
    card.classList.toggle('disabled', !next.enabled);
    showActions(next);
  }

  /** The endpoint's facts and its first page of deliveries, read again. */
  async function refresh() {
    try {
      const listed = (await api('GET', '/api/webhooks')).items.find((x) => x.id === w.id);
      if (listed) update(listed);
      await loadDeliveries();
    } catch (error) {
      showError(error);
    }
  }

  update(w);
  return { card, update, loadDeliveries: () => loadDeliveries().catch(showError) };
}
