// One connected company on the page: what needs attention, its facts and progress, settings,
// computers, the sync log, invoices and payments, kept up to date by the page's poll.
import { api, plainError } from './api-client.js';
import { INVOICE_STATUS, PAYMENT_STATES, STATUS_NAMES, copyText, el, phaseText, progressValue, table, when } from './page-kit.js';

/** A card for a connection, appended to `container`; `update(next)` redraws it from a newer answer. */
export function createCard(c, container) {
  const parts = {
    badge: el('span', { class: 'badge' }),
    facts: el('dl', { class: 'facts' }),
    progress: el('progress', { max: '100', value: '0', 'aria-label': `Sync progress of ${c.companyName}` }),
    phase: el('span', { class: 'phase' }),
    lastError: el('div', { class: 'last-error', role: 'alert', hidden: true }),
    refusals: el('p', { class: 'refusals', role: 'status', hidden: true }),
    payment: el('select', { id: `payment-${c.id}`, name: 'paymentAccountId' }),
    deposit: el('select', { id: `deposit-${c.id}`, name: 'depositAccountId' }),
    interval: el('input', { id: `interval-${c.id}`, name: 'syncIntervalMinutes', type: 'number', min: '1', max: '1440', required: true }),
    notice: el('p', { class: 'notice', role: 'status' }),
    install: el('div', { class: 'install', hidden: true }),
    installs: el('tbody'),
    attention: el('ul', { class: 'attention-list' }),
    accountsWarning: el('p', { class: 'warn', role: 'status', hidden: true }),
    log: table(['When', 'What happened', 'What to do'], [], 'Sync log'),
    logFilter: el(
      'select',
      { id: `log-filter-${c.id}` },
      el('option', { value: 'all', text: 'Everything' }),
      el('option', { value: 'attention', text: 'Needs attention only' }),
    ),
    invoices: table(['Invoice', 'Customer', 'Date', 'Due', 'Total', 'Balance', 'Status'], [4, 5], 'Invoices'),
    invoiceSearch: el('input', { id: `invoice-search-${c.id}`, type: 'search', maxlength: '100', placeholder: 'Number or customer', autocomplete: 'off' }),
    showArchived: el('input', { id: `show-archived-${c.id}`, type: 'checkbox' }),
    payments: table(['Received', 'Invoice', 'Customer', 'Amount', 'Status', 'In QuickBooks'], [3], 'Payments'),
  };
  const attentionBox = el(
    'section',
    { class: 'attention', 'aria-label': `Needs attention for ${c.companyName}`, hidden: true },
    el('h4', { text: 'Needs attention' }),
    parts.attention,
  );
  let current = c;
  /** A failed call in the partner's words, under the settings. */
  function showError(error) {
    parts.notice.textContent = plainError(error);
  }
  let accountsLoaded = false;
  let lastSync = c.lastSyncAt;
  let lastSignIn = c.lastAuthenticatedAt;
  // Typed but not saved yet: the poll must not put the old value back once the focus has moved on (to Save, say).
  let intervalEdited = false;
  parts.interval.addEventListener('input', () => {
    intervalEdited = true;
  });

  const settingsForm = el(
    'form',
    { class: 'settings', 'aria-label': `Settings of ${c.companyName}` },
    el('div', {}, el('label', { for: parts.payment.id, text: 'Payment account' }), parts.payment),
    el('div', {}, el('label', { for: parts.deposit.id, text: 'Deposit account' }), parts.deposit),
    el('div', {}, el('label', { for: parts.interval.id, text: 'Sync every (minutes)' }), parts.interval),
    el(
      'div',
      { class: 'actions' },
      el('button', { type: 'submit', class: 'primary', text: 'Save settings' }),
      el('button', { type: 'button', text: 'Sync now', onclick: () => syncNow() }),
      el('button', { type: 'button', text: 'Another computer', onclick: () => anotherComputer() }),
    ),
  );
  settingsForm.addEventListener('submit', (event) => {
    event.preventDefault();
    void saveSettings();
  });

  const card = el(
    'section',
    { class: 'connection', 'data-connection': c.id, 'aria-label': c.companyName },
    el('div', { class: 'connection-head' }, el('h3', { text: c.companyName }), parts.badge),
    attentionBox,
    parts.facts,
    el('div', { class: 'progress-line' }, parts.progress, parts.phase),
    parts.lastError,
    parts.refusals,
    parts.accountsWarning,
    settingsForm,
    parts.notice,
    parts.install,
    el(
      'section',
      { class: 'installs', 'aria-label': 'Computers' },
      el('h4', { text: 'Computers (Web Connector installs)' }),
      el(
        'div',
        { class: 'table-wrap' },
        el(
          'table',
          {},
          el('thead', {}, el('tr', {}, ...['User name', 'Added', 'Last signed in', 'Status', 'Actions'].map((h) => el('th', { scope: 'col', text: h })))),
          parts.installs,
        ),
      ),
    ),
    el(
      'div',
      { class: 'tables' },
      el(
        'section',
        { 'aria-label': 'Sync log' },
        el(
          'div',
          { class: 'table-head' },
          el('h4', { text: 'Sync log' }),
          el('div', { class: 'filters' }, el('label', { for: parts.logFilter.id, text: 'Show' }), parts.logFilter),
        ),
        parts.log.wrap,
      ),
      el(
        'section',
        { 'aria-label': 'Invoices' },
        el(
          'div',
          { class: 'table-head' },
          el('h4', { text: 'Invoices' }),
          el(
            'div',
            { class: 'filters' },
            el('label', { for: parts.invoiceSearch.id, text: 'Search' }),
            parts.invoiceSearch,
            el('label', { class: 'check', for: parts.showArchived.id }, parts.showArchived, ' Show archived'),
          ),
        ),
        parts.invoices.wrap,
      ),
      el('section', { 'aria-label': 'Payments' }, el('h4', { text: 'Payments' }), parts.payments.wrap),
    ),
  );
  container.append(card);

  function fact(term, value) {
    return el('div', {}, el('dt', { text: term }), el('dd', {}, ...[value].flat()));
  }

  /** A Windows path that may wrap after each backslash, never inside a folder's name ("QuickBo-oks"). */
  function pathParts(path) {
    return path.split('\\').flatMap((part, i) => (i === 0 ? [part] : ['\\', el('wbr'), part]));
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
    showAccountsWarning();
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
    if (!intervalEdited && document.activeElement !== parts.interval) parts.interval.value = String(next.settings.syncIntervalMinutes);
    // A finished sync brings new rows, and the first one brings QuickBooks' accounts; between syncs nothing is re-read.
    // A sign-in changes an install's "last signed in"; nothing else about installs changes behind our back.
    if (next.lastAuthenticatedAt !== lastSignIn) {
      lastSignIn = next.lastAuthenticatedAt;
      void loadInstalls();
    }
    if (next.lastSyncAt !== lastSync) {
      lastSync = next.lastSyncAt;
      if (!accountsLoaded) void loadAccounts();
      void loadTables();
      void loadAttention();
    }
  }

  // What needs the partner: the connection's own items (on every poll) and refused writes (after each sync).
  let connectionAttention = [];
  let recordAttention = [];
  function showAttention() {
    const items = [...connectionAttention, ...recordAttention];
    attentionBox.hidden = items.length === 0;
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

  /** Accounts offered (Undeposited Funds preselected) but not saved yet: payments and payouts wait. */
  function showAccountsWarning() {
    const unset = accountsLoaded && (!current.settings.paymentAccountId || !current.settings.depositAccountId);
    parts.accountsWarning.hidden = !unset;
    parts.accountsWarning.textContent = unset
      ? 'Next step: choose where payments and payouts go, then press Save settings. Until then they wait here and nothing is written to QuickBooks.'
      : '';
  }

  async function loadAccounts() {
    try {
      const accounts = await api('GET', `/api/connections/${c.id}/accounts`);
      accountsLoaded = accounts.length > 0;
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
      const saved = await api('PATCH', `/api/connections/${c.id}/settings`, change);
      intervalEdited = false;
      update(saved);
      parts.notice.textContent = saved.notice ?? 'Settings saved.';
    } catch (error) {
      showError(error);
    }
  }

  async function syncNow() {
    try {
      const answer = await api('POST', `/api/connections/${c.id}/sync`);
      update(answer);
      parts.notice.textContent = answer.message;
    } catch (error) {
      showError(error);
    }
  }

  async function anotherComputer() {
    try {
      const install = await api('POST', `/api/connections/${c.id}/installs`);
      const copy = el('button', { type: 'button', text: 'Copy password' });
      copy.addEventListener('click', () => void copyText(install.password, copy));
      parts.install.replaceChildren(
        el('p', { text: 'On the other computer, add this QWC file to the Web Connector, then paste the password when asked. The password is shown only now.' }),
        el('p', {}, el('a', { href: install.qwcUrl, download: `alternative-${install.username}.qwc`, class: 'button', text: 'Download its QWC file' })),
        el('p', {}, 'Link: ', el('code', { text: install.qwcUrl })),
        el('p', {}, 'User name: ', el('code', { text: install.username })),
        el('div', { class: 'secret' }, 'Password: ', el('code', { 'data-install-password': true, text: install.password }), copy),
      );
      parts.install.hidden = false;
      void loadInstalls();
    } catch (error) {
      showError(error);
    }
  }

  // Rows are kept by install and updated in place, so a refresh (a sign-in seen by the poll)
  // never throws away a question the partner is answering ("Yes, revoke").
  const installRows = new Map();

  async function loadInstalls() {
    try {
      const installs = await api('GET', `/api/connections/${c.id}/installs`);
      for (const install of installs) {
        const row = installRows.get(install.id) ?? installRow(install);
        installRows.set(install.id, row);
        row.update(install);
      }
      parts.installs.replaceChildren(...installs.map((i) => installRows.get(i.id).row));
    } catch (error) {
      showError(error);
    }
  }

  /** One computer: who it signs in as, when, and (while it works) New password and Revoke, the latter asked twice. */
  function installRow(install) {
    const cells = { added: el('td'), signedIn: el('td'), status: el('td') };
    const actions = el('div', { class: 'row-actions' });
    const row = el(
      'tr',
      { 'data-install': install.id },
      el('td', {}, el('code', { text: install.username })),
      cells.added,
      cells.signedIn,
      cells.status,
      el('td', {}, actions),
    );
    const showButtons = () => {
      actions.replaceChildren(
        el('button', { type: 'button', text: 'New password', 'aria-label': `New password for ${install.username}`, onclick: () => void newPassword(install) }),
        el('button', { type: 'button', text: 'Revoke', 'aria-label': `Revoke ${install.username}`, onclick: () => askToRevoke() }),
      );
    };
    const askToRevoke = () => {
      const yes = el('button', { type: 'button', class: 'danger', text: 'Yes, revoke', onclick: () => void revoke(install) });
      actions.replaceChildren(
        el('span', { text: 'Its Web Connector stops at once.' }),
        yes,
        el('button', { type: 'button', text: 'Cancel', onclick: () => showButtons() }),
      );
      yes.focus();
    };
    showButtons();
    return {
      row,
      update(next) {
        cells.added.textContent = when(next.createdAt);
        cells.signedIn.textContent = when(next.lastSignInAt);
        cells.status.textContent = next.revokedAt ? `Revoked ${when(next.revokedAt)}` : 'Active';
        if (next.revokedAt) actions.replaceChildren();
      },
    };
  }

  async function revoke(install) {
    try {
      await api('DELETE', `/api/connections/${c.id}/installs/${install.id}`);
      parts.notice.textContent = `${install.username} is revoked: its Web Connector can no longer sign in, and its QWC link no longer works.`;
    } catch (error) {
      showError(error);
    }
    await loadInstalls();
  }

  async function newPassword(install) {
    try {
      const renewed = await api('POST', `/api/connections/${c.id}/installs/${install.id}/password`);
      const copy = el('button', { type: 'button', text: 'Copy password' });
      copy.addEventListener('click', () => void copyText(renewed.password, copy));
      parts.install.replaceChildren(
        el(
          'p',
          {},
          'New password for ',
          el('code', { text: renewed.username }),
          '. The old one no longer works: in the Web Connector, enter this one for the app. It is shown only now.',
        ),
        el('div', { class: 'secret' }, 'Password: ', el('code', { 'data-new-password': true, text: renewed.password }), copy),
        el(
          'p',
          {},
          'Its QWC file has not changed. Should you need it again, the old link no longer works; this is the new one: ',
          el('a', { href: renewed.qwcUrl, download: `alternative-${renewed.username}.qwc`, text: 'Download its QWC file' }),
        ),
      );
      parts.install.hidden = false;
      parts.notice.textContent = '';
      copy.focus();
    } catch (error) {
      showError(error);
    }
    await loadInstalls();
  }

  const logPath = () => `/api/connections/${c.id}/events?filter=${parts.logFilter.value}`;
  const invoicePath = () => {
    const q = parts.invoiceSearch.value.trim();
    return `/api/connections/${c.id}/invoices?archived=${parts.showArchived.checked ? 'include' : 'exclude'}${q ? `&q=${encodeURIComponent(q)}` : ''}`;
  };

  /** A log line: its time (a session's line reads "Sync at 10:18 — …"), the sentence, and what to do. */
  function logCells(e) {
    const time = new Date(e.at).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
    const text = e.item === 'sync' ? e.text.replace(/^Sync finished/, `Sync at ${time}`) : e.text;
    return [when(e.at), text, e.advice ?? ''];
  }
  const logRow = (e) => (e.item === 'sync' ? 'summary' : e.needsAttention ? 'needs-attention' : undefined);

  function invoiceCells(i) {
    const status = i.deleted ? 'Deleted in QuickBooks' : i.archived ? 'Archived' : (INVOICE_STATUS[i.status] ?? i.status);
    return [i.number ?? '(no number)', i.customerName ?? '', i.txnDate, i.dueDate ?? '', i.total, i.balance, status];
  }

  function paymentCells(p) {
    const inQuickBooks = `${PAYMENT_STATES[p.qbd.state] ?? p.qbd.state}${p.qbd.message ? `: ${p.qbd.message}` : ''}`;
    return [
      p.date,
      invoiceNumbers.get(p.invoiceId) ?? '',
      invoiceCustomers.get(p.invoiceId) ?? '',
      p.amount,
      p.status === 'failed' ? 'Failed' : 'Succeeded',
      inQuickBooks,
    ];
  }

  // Payments name their invoice by id; the invoice list the page has loaded names them.
  const invoiceNumbers = new Map();
  const invoiceCustomers = new Map();
  const rememberInvoice = (i) => {
    invoiceNumbers.set(i.id, i.number ?? '');
    invoiceCustomers.set(i.id, i.customerName ?? '');
  };

  /** A row of the invoice list: remembered for the payments table, greyed when archived or deleted. */
  function invoiceRow(i) {
    rememberInvoice(i);
    return i.archived || i.deleted ? 'archived' : undefined;
  }

  const loadLog = () => parts.log.load(logPath(), logCells, logRow);
  const loadInvoices = () => parts.invoices.load(invoicePath(), invoiceCells, invoiceRow);
  const loadPayments = () =>
    parts.payments.load(`/api/connections/${c.id}/payments`, paymentCells, (p) => (p.qbd.state === 'needs_action' ? 'needs-attention' : undefined));

  // Payments after invoices: their rows name the invoices the list has just remembered.
  function loadTables() {
    return Promise.all([loadLog(), loadInvoices().then(loadPayments)]).catch(showError);
  }

  const reloadInvoices = () => void loadInvoices().catch(showError);
  parts.logFilter.addEventListener('change', () => void loadLog().catch(showError));
  parts.showArchived.addEventListener('change', reloadInvoices);
  let searchTimer;
  parts.invoiceSearch.addEventListener('input', () => {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(reloadInvoices, 250);
  });

  const entry = { update };
  void loadAccounts();
  void loadInstalls();
  void loadTables();
  void loadAttention();
  return entry;
}
