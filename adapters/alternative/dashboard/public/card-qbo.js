// One QuickBooks Online company on the page: the same settings, progress, sync log and tables as a
// QuickBooks Desktop card, without computers; its settings come from /api/connections/qbo/:id.
import { api, plainError } from './api-client.js';
import { STATUS_NAMES, el, phaseText, progressValue, when } from './page-kit.js';
import { cardLayout, cardParts } from './card-layout.js';
import { cardSettings } from './card-settings.js';
import { cardTables } from './card-tables.js';
import { startQboConnect } from './card-qbo-connect.js';

const QBO_WORDS = {
  base: '/api/connections/qbo',
  resumed: 'Syncing with QuickBooks Online resumes.',
  paused: 'Syncing is paused: nothing is read from or written to QuickBooks Online until you resume.',
};

const QBO_STATUS = { ...STATUS_NAMES, pending: 'Connecting', error: 'Needs attention' };

function fact(term, value) {
  return el('div', {}, el('dt', { text: term }), el('dd', { text: value }));
}

/** A card for a QuickBooks Online connection, appended to `container`; `update(listed)` redraws it from its own view. */
export function createQboCard(c, container) {
  const parts = cardParts(c);
  let current = { ...c, settings: { ...c.settings, paymentAccountId: null, depositAccountId: null } };
  let lastSync = c.lastSyncAt;
  let loading = false;
  const showError = (error) => {
    parts.notice.textContent = typeof error === 'string' ? error : plainError(error);
  };
  const settings = cardSettings(c.id, parts, showError, { current: () => current, update: (next) => draw(next) }, QBO_WORDS);
  const tables = cardTables(c.id, parts, showError);
  const reconnect = el('button', { type: 'button', class: 'primary', hidden: true, text: 'Reconnect', onclick: () => void startQboConnect(showError) });
  const card = cardLayout(c, parts, { saveSettings: settings.saveSettings, syncNow: settings.syncNow });
  card.querySelector('.connection-head').append(reconnect);
  card.dataset.system = 'qbo';
  container.append(card);

  function draw(next) {
    current = next;
    const stale = next.health?.state === 'stale';
    parts.badge.textContent = stale ? 'Stale: no sync lately' : (QBO_STATUS[next.status] ?? next.status);
    parts.badge.className = `badge ${stale ? 'stale' : next.status}`;
    reconnect.hidden = next.lastError?.code !== 'qbo_reconnect';
    parts.facts.replaceChildren(
      fact('Last sync', when(next.lastSyncAt)),
      fact('QuickBooks Online last answered', when(next.health?.lastAnsweredAt)),
      fact('Signed in to Intuit', when(next.lastAuthenticatedAt)),
      fact('Company id', next.realmId ?? ''),
    );
    parts.attentionBox.hidden = (next.needsAttention ?? []).length === 0;
    parts.attention.replaceChildren(
      ...(next.needsAttention ?? []).map((item) =>
        el('li', { 'data-kind': item.kind }, el('strong', { text: item.text }), ' ', el('span', { text: item.advice })),
      ),
    );
    settings.showAccountsWarning();
    parts.progress.value = progressValue(next);
    parts.phase.textContent = next.lastSyncAt || next.progress.phase !== 'waiting' ? phaseText(next) : 'Waiting for the first sync';
    parts.lastError.hidden = !next.lastError;
    parts.lastError.replaceChildren(...(next.lastError ? [el('strong', { text: 'Last problem: ' }), next.lastError.message] : []));
    settings.showInterval(next);
    settings.showPause(next);
    if (next.lastSyncAt !== lastSync) {
      lastSync = next.lastSyncAt;
      if (!settings.accountsLoaded()) void settings.loadAccounts();
      void tables.loadTables();
    }
  }

  /** The shared list lacks QBO's settings: each poll reads the connection's own view. */
  async function update() {
    if (loading) return;
    loading = true;
    try {
      draw(await api('GET', `/api/connections/qbo/${c.id}`));
    } catch (error) {
      showError(error);
    } finally {
      loading = false;
    }
  }

  void update().then(() => settings.loadAccounts());
  void tables.loadTables();
  return { update };
}
