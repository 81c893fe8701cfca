// One connected company on the page: what needs attention, its facts and progress, settings,
// computers, the sync log, invoices and payments, kept up to date by the page's poll.
import { api, plainError } from './api-client.js';
import { STATUS_NAMES, el, phaseText, progressValue, when } from './page-kit.js';
import { cardInstalls } from './card-installs.js';
import { cardLayout, cardParts } from './card-layout.js';
import { cardSettings } from './card-settings.js';
import { cardTables } from './card-tables.js';

function fact(term, value) {
  return el('div', {}, el('dt', { text: term }), el('dd', {}, ...[value].flat()));
}

/** A Windows path that may wrap after each backslash, never inside a folder's name ("QuickBo-oks"). */
function pathParts(path) {
  return path.split('\\').flatMap((part, i) => (i === 0 ? [part] : ['\\', el('wbr'), part]));
}

/** A card for a connection, appended to `container`; `update(next)` redraws it from a newer answer. */
export function createCard(c, container) {
  const parts = cardParts(c);
  let current = c;
  /** A failed call in the partner's words, under the settings. */
  function showError(error) {
    parts.notice.textContent = plainError(error);
  }
  let lastSync = c.lastSyncAt;
  let lastSignIn = c.lastAuthenticatedAt;
  const settings = cardSettings(c.id, parts, showError, { current: () => current, update: (next) => update(next) });
  const installs = cardInstalls(c.id, parts, showError);
  const tables = cardTables(c.id, parts, showError);
  container.append(cardLayout(c, parts, { saveSettings: settings.saveSettings, syncNow: settings.syncNow, anotherComputer: installs.anotherComputer }));

  // What needs the partner: the connection's own items (on every poll) and refused writes (after each sync).
  let connectionAttention = [];
  let recordAttention = [];
  function showAttention() {
    const items = [...connectionAttention, ...recordAttention];
    parts.attentionBox.hidden = items.length === 0;
    parts.attention.replaceChildren(
      ...items.map((item) => el('li', { 'data-kind': item.kind }, el('strong', { text: item.text }), ' ', el('span', { text: item.advice }))),
    );
  }

  async function loadAttention() {
    try {
      recordAttention = (await api('GET', `/api/connections/${c.id}/attention`)).items;
      showAttention();
    } catch (error) {
      showError(error);
    }
  }

  function update(next) {
    current = next;
    const stale = next.health?.state === 'stale';
    parts.badge.textContent = stale ? 'Stale: no sync lately' : (STATUS_NAMES[next.status] ?? next.status);
    parts.badge.className = `badge ${stale ? 'stale' : next.status}`;
    parts.facts.replaceChildren(
      fact('Last sync', when(next.lastSyncAt)),
      fact('QuickBooks last answered', when(next.health?.lastAnsweredAt)),
      fact('Web Connector last signed in', when(next.lastAuthenticatedAt)),
      fact('Company file', next.companyFilePath ? pathParts(next.companyFilePath) : 'Whichever file is open in QuickBooks'),
    );
    connectionAttention = next.needsAttention ?? [];
    showAttention();
    settings.showAccountsWarning();
    parts.progress.value = progressValue(next);
    parts.phase.textContent = phaseText(next);
    parts.lastError.hidden = !next.lastError;
    parts.lastError.replaceChildren(...(next.lastError ? [el('strong', { text: 'Last problem: ' }), next.lastError.message] : []));
    const refused = next.signIns?.refused ?? 0;
    parts.refusals.hidden = refused === 0;
    parts.refusals.textContent =
      refused === 0
        ? ''
        : `${refused} refused Web Connector sign-in${refused === 1 ? '' : 's'} (wrong password), the last ${when(next.signIns.lastRefusedAt)} from ${next.signIns.lastRefusedFrom ?? 'an unknown address'}. ` +
          'Your Web Connector keeps working; if these were not your computers, give the install a new password.';
    settings.showInterval(next);
    settings.showPause(next);
    // A finished sync brings new rows, and the first one brings QuickBooks' accounts; between syncs nothing is re-read.
    // A sign-in changes an install's "last signed in"; nothing else about installs changes behind our back.
    if (next.lastAuthenticatedAt !== lastSignIn) {
      lastSignIn = next.lastAuthenticatedAt;
      void installs.load();
    }
    if (next.lastSyncAt !== lastSync) {
      lastSync = next.lastSyncAt;
      if (!settings.accountsLoaded()) void settings.loadAccounts();
      void tables.loadTables();
      void loadAttention();
    }
  }

  const entry = { update, focusPayment: settings.focusPayment };
  void settings.loadAccounts();
  void installs.load();
  void tables.loadTables();
  void loadAttention();
  return entry;
}
