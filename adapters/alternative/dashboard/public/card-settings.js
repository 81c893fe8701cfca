// A connection card's settings: where payments and payouts go, how often it syncs, Sync now, pause.
import { api } from './api-client.js';
import { el } from './page-kit.js';

/** How QuickBooks Desktop's settings are reached and what its pause button says; another system's card passes its own. */
const QBD_WORDS = {
  base: '/api/connections',
  resumed: 'Syncing resumes at the next Web Connector poll.',
  paused: 'Syncing is paused: the Web Connector is told there is nothing to do until you resume.',
};

/**
 * The settings form's behaviour. `card.current()` is the connection as last drawn and
 * `card.update(next)` redraws the card from a newer answer (a save or a sync returns one).
 * `words.base` is where the system's accounts, settings and sync-now routes live (pause and resume are shared).
 */
export function cardSettings(connectionId, parts, showError, card, words = QBD_WORDS) {
  let accountsLoaded = false;
  // Typed but not saved yet: the poll must not put the old value back once the focus has moved on (to Save, say).
  let intervalEdited = false;
  parts.interval.addEventListener('input', () => {
    intervalEdited = true;
  });

  /** The saved interval, unless the partner is typing or has typed another one. */
  function showInterval(next) {
    if (!intervalEdited && document.activeElement !== parts.interval) parts.interval.value = String(next.settings.syncIntervalMinutes);
  }

  /** Accounts offered (Undeposited Funds preselected) but not saved yet: payments and payouts wait. */
  function showAccountsWarning() {
    const current = card.current();
    const unset = accountsLoaded && (!current.settings.paymentAccountId || !current.settings.depositAccountId);
    parts.accountsWarning.hidden = !unset;
    parts.accountsWarning.textContent = unset
      ? 'Next step: choose where payments and payouts go, then press Save settings. Until then they wait here and nothing is written to QuickBooks.'
      : '';
  }

  /** The accounts read in flight (or last read): what focusPayment waits for. */
  let loading = Promise.resolve();

  function loadAccounts() {
    loading = readAccounts();
    return loading;
  }

  /**
   * The payment account's list takes the focus ("Choose accounts"). Right after a first sync its
   * accounts may still be on their way, and a disabled list cannot take the focus: it waits.
   */
  async function focusPayment() {
    await loading;
    parts.payment.focus();
  }

  async function readAccounts() {
    try {
      const accounts = await api('GET', `${words.base}/${connectionId}/accounts`);
      accountsLoaded = accounts.length > 0;
      const current = card.current();
      const forPayments = accounts.filter((a) => a.usableFor.includes('payments'));
      // Nothing chosen yet: the recommended account is offered selected (saved only with Save settings).
      const payment = current.settings.paymentAccountId ?? forPayments.find((a) => a.recommended)?.id ?? null;
      fillAccounts(parts.payment, forPayments, payment, 'payments');
      fillAccounts(
        parts.deposit,
        accounts.filter((a) => a.usableFor.includes('deposits')),
        current.settings.depositAccountId,
        'payouts',
      );
      showAccountsWarning();
    } catch (error) {
      showError(error);
    }
  }

  function fillAccounts(select, accounts, chosen, what) {
    const sorted = [...accounts].sort((a, b) => Number(b.recommended) - Number(a.recommended) || a.fullName.localeCompare(b.fullName));
    const first = accounts.length ? `Choose where ${what} go…` : 'Accounts appear after the first sync';
    select.replaceChildren(
      el('option', { value: '', text: first }),
      ...sorted.map((a) => el('option', { value: a.id, text: `${a.fullName}${a.recommended ? ' (recommended)' : ''}`, selected: a.id === chosen })),
    );
    select.disabled = accounts.length === 0;
  }

  async function saveSettings() {
    const current = card.current();
    const change = {};
    if (parts.payment.value && parts.payment.value !== current.settings.paymentAccountId) change.paymentAccountId = parts.payment.value;
    if (parts.deposit.value && parts.deposit.value !== current.settings.depositAccountId) change.depositAccountId = parts.deposit.value;
    const minutes = Number(parts.interval.value);
    if (minutes !== current.settings.syncIntervalMinutes) change.syncIntervalMinutes = minutes;
    if (Object.keys(change).length === 0) {
      parts.notice.textContent = 'Nothing changed.';
      return;
    }
    try {
      const saved = await api('PATCH', `${words.base}/${connectionId}/settings`, change);
      intervalEdited = false;
      card.update(saved);
      parts.notice.textContent = saved.notice ?? 'Settings saved.';
    } catch (error) {
      showError(error);
    }
  }

  async function syncNow() {
    try {
      const answer = await api('POST', `${words.base}/${connectionId}/sync`);
      card.update(answer);
      parts.notice.textContent = answer.message;
    } catch (error) {
      showError(error);
    }
  }

  /** The pause button says what pressing it would do now. */
  function showPause(next) {
    parts.pause.textContent = next.status === 'paused' ? 'Resume syncing' : 'Pause syncing';
  }

  async function togglePause() {
    const paused = card.current().status === 'paused';
    try {
      card.update(await api('POST', `/api/connections/${connectionId}/${paused ? 'resume' : 'pause'}`));
      parts.notice.textContent = paused ? words.resumed : words.paused;
    } catch (error) {
      showError(error);
    }
  }
  parts.pause.addEventListener('click', () => void togglePause());

  return { showInterval, showPause, showAccountsWarning, loadAccounts, focusPayment, accountsLoaded: () => accountsLoaded, saveSettings, syncNow };
}
