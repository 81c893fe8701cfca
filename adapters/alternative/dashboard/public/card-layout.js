// A connection card's elements and how they are laid out; connection-card.js fills them in.
import { el, table } from './page-kit.js';

/** The elements of a connection's card that later code fills in or reads, by name. */
export function cardParts(c) {
  const attention = el('ul', { class: 'attention-list' });
  return {
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
    pause: el('button', { type: 'button', text: c.status === 'paused' ? 'Resume syncing' : 'Pause syncing' }),
    install: el('div', { class: 'install', hidden: true }),
    installs: el('tbody'),
    attention,
    attentionBox: el(
      'section',
      { class: 'attention', 'aria-label': `Needs attention for ${c.companyName}`, hidden: true },
      el('h4', { text: 'Needs attention' }),
      attention,
    ),
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
}

/** The settings form: the accounts, the interval, and the card's actions (`on` holds what its buttons do). */
function settingsForm(c, parts, on) {
  const form = el(
    'form',
    { class: 'settings', 'aria-label': `Settings of ${c.companyName}` },
    el('div', {}, el('label', { for: parts.payment.id, text: 'Payment account' }), parts.payment),
    el('div', {}, el('label', { for: parts.deposit.id, text: 'Deposit account' }), parts.deposit),
    el('div', {}, el('label', { for: parts.interval.id, text: 'Sync every (minutes)' }), parts.interval),
    el(
      'div',
      { class: 'actions' },
      el('button', { type: 'submit', class: 'primary', text: 'Save settings' }),
      el('button', { type: 'button', text: 'Sync now', onclick: () => on.syncNow() }),
      parts.pause,
      on.anotherComputer ? el('button', { type: 'button', text: 'Another computer', onclick: () => on.anotherComputer() }) : undefined,
    ),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void on.saveSettings();
  });
  return form;
}

/** The tables' sections: the sync log with its filter, invoices with search, payments. */
function tablesSection(parts) {
  return el(
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
  );
}

/** The computers (Web Connector installs) of a QuickBooks Desktop card. */
function installsSection(parts) {
  return el(
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
  );
}

/**
 * The whole card, built from its parts; `on` holds what the settings form's buttons do. Without
 * `on.anotherComputer` (a system with no computers of its own, QuickBooks Online) the computers are left out.
 */
export function cardLayout(c, parts, on) {
  return el(
    'section',
    { class: 'connection', 'data-connection': c.id, 'aria-label': c.companyName },
    el('div', { class: 'connection-head' }, el('h3', { text: c.companyName }), parts.badge),
    parts.attentionBox,
    parts.facts,
    el('div', { class: 'progress-line' }, parts.progress, parts.phase),
    parts.lastError,
    parts.refusals,
    parts.accountsWarning,
    settingsForm(c, parts, on),
    parts.notice,
    parts.install,
    on.anotherComputer ? installsSection(parts) : undefined,
    tablesSection(parts),
  );
}
