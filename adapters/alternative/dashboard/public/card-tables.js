// A connection card's tables: the sync log, the invoices and the payments, with their filters.
import { INVOICE_STATUS, PAYMENT_STATES, when } from './page-kit.js';

/** Loads the card's three tables and reloads them as the partner filters; `loadTables` reloads all three. */
export function cardTables(connectionId, parts, showError) {
  const logPath = () => `/api/connections/${connectionId}/events?filter=${parts.logFilter.value}`;
  const invoicePath = () => {
    const q = parts.invoiceSearch.value.trim();
    return `/api/connections/${connectionId}/invoices?archived=${parts.showArchived.checked ? 'include' : 'exclude'}${q ? `&q=${encodeURIComponent(q)}` : ''}`;
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
    parts.payments.load(`/api/connections/${connectionId}/payments`, paymentCells, (p) => (p.qbd.state === 'needs_action' ? 'needs-attention' : undefined));

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

  return { loadTables };
}
