import { ApiDescription, PAGE_QUERY, bool, date, list, money, nullable, obj, page, str } from '../../../core/runtime/http/openapi/api-description';

const SOURCE = obj({ system: str('Where the record came from: qbd or alternative'), id: str(), version: nullable(str()) });

export const CUSTOMER_SCHEMA = obj({
  id: str(), name: str(), fullName: str(), companyName: nullable(str()), email: nullable(str()), phone: nullable(str()), isActive: bool(),
  balance: nullable(money()), archived: bool(), deleted: bool(), source: SOURCE,
});

const QBD_CUSTOMER_STATE = obj({ state: str(undefined, { enum: ['not_sent', 'pending', 'synced', 'needs_action'] }), listId: str(), message: str() }, ['state']);

const INVOICE_SCHEMA = obj({
  id: str(), number: nullable(str()), customerSourceId: str(), customerName: nullable(str('The customer\'s full name as the ledger has it')), txnDate: date(), dueDate: nullable(date()), memo: nullable(str()),
  subtotal: money(), salesTax: money(), total: money(), balance: money(), status: str(undefined, { enum: ['open', 'partially-paid', 'paid', 'void'] }),
  archived: bool(), deleted: bool(), source: str('Where the invoice was made: qbd or alternative'),
  qbd: obj({
    state: str('synced: QuickBooks has it as shown; pending: a write is on its way; not_sent: made here and kept here by the rules; needs_action: QuickBooks refused a write (message)', { enum: ['not_sent', 'pending', 'synced', 'needs_action'] }),
    txnId: str(), refNumber: nullable(str()), editSequence: nullable(str()), message: str(),
  }, ['state']),
  lines: list(obj({ id: nullable(str()), itemName: nullable(str()), description: nullable(str()), quantity: nullable(str()), rate: nullable(str()), amount: money() })),
});

const EVENT_SCHEMA = obj({
  id: str(), at: str(undefined, { format: 'date-time' }), item: str(), operation: str(), from: str(), to: str(), sourceId: str(),
  outcome: str(undefined, { enum: ['applied', 'deferred', 'skipped', 'denied', 'failed'] }), message: nullable(str()),
  effect: nullable(str('For an applied upsert: created or updated', { enum: ['created', 'updated'] })),
  record: nullable(obj({ name: str('Its number or name'), customer: nullable(str()) }, ['name'])),
  text: str('The line in words: the record, what happened to it, and why'),
  needsAttention: bool('The partner has something to do (advice says what)'),
  advice: nullable(str()),
  summary: nullable({ type: 'object', additionalProperties: { type: 'integer' }, description: 'On a session\'s summary line: how many lines of each kind (item:operation:outcome[:effect])' }),
});

const PAYMENT_SCHEMA = obj({
  id: str(), invoiceId: str(), amount: money(), date: date(), method: nullable(str()), reference: nullable(str()), status: str(undefined, { enum: ['succeeded', 'failed'] }),
  qbd: obj({ state: str('not_sent: its invoice exists only on the platform, so it stays here', { enum: ['not_sent', 'pending', 'synced', 'reverted', 'needs_action'] }), txnId: str(), message: str() }, ['state']),
});

const DEPOSIT_SCHEMA = obj({
  id: str(), date: date(), total: money(), paymentIds: list(str()),
  qbd: obj({ state: str(undefined, { enum: ['not_needed', 'pending', 'synced', 'needs_action'] }), txnId: str(), message: str() }, ['state']),
});

/** The ledger as partners read it: customers, invoices and the sync log. */
export const LEDGER_API: ApiDescription = {
  'GET /api/connections/:id/customers': { summary: 'Customers, by name', auth: 'partner', query: PAGE_QUERY, response: { status: 200, schema: page(CUSTOMER_SCHEMA) } },
  'GET /api/connections/:id/invoices': {
    summary: 'Invoices with their lines, balance and status', auth: 'partner',
    query: [
      ...PAGE_QUERY,
      { name: 'archived', description: 'include: also archived and deleted invoices (marked archived/deleted); left out by default', schema: str(undefined, { enum: ['include', 'exclude'] }) },
      { name: 'q', description: 'Only invoices whose number or customer name contains this text (any case), at most 100 characters', schema: str(undefined, { maxLength: 100 }) },
    ],
    response: { status: 200, schema: page(INVOICE_SCHEMA) },
  },
  'GET /api/connections/:id/events': {
    summary: 'The sync log in words: what moved, which way, why anything was skipped or failed, and a line per session, newest first', auth: 'partner',
    query: [...PAGE_QUERY, { name: 'filter', description: 'attention: only the lines that need the partner; all (default): every line', schema: str(undefined, { enum: ['all', 'attention'] }) }],
    response: { status: 200, schema: page(EVENT_SCHEMA) },
  },
};

export const CUSTOMER_API: ApiDescription = {
  'POST /api/connections/:id/customers': {
    summary: 'Create a customer on the platform',
    description: 'By default it stays on the platform (qbd.state not_sent); a partner whose rules send such customers to QuickBooks sees pending, then synced.',
    auth: 'partner',
    body: obj({ name: str(undefined, { maxLength: 209 }), companyName: str(), email: str(), phone: str() }, ['name']),
    response: { status: 201, schema: { ...CUSTOMER_SCHEMA, properties: { ...(CUSTOMER_SCHEMA.properties as object), qbd: QBD_CUSTOMER_STATE } } },
  },
  'GET /api/connections/:id/customers/:customerId': { summary: 'One customer, with where it stands in QuickBooks', auth: 'partner', response: { status: 200, schema: { ...CUSTOMER_SCHEMA, properties: { ...(CUSTOMER_SCHEMA.properties as object), qbd: QBD_CUSTOMER_STATE } } } },
};

const INVOICE_LINE_INPUT = obj({
  id: str('An existing line of this invoice (an edit): it keeps its item unless item is given'),
  item: str('The QuickBooks item the line is sold under; needed when the partner\'s rules send platform invoices to QuickBooks', { maxLength: 159 }),
  description: str(undefined, { maxLength: 4095 }), quantity: str('A decimal, up to 5 decimals'), rate: str('A decimal, up to 5 decimals'),
  amount: money('quantity (1 when absent) x rate, to the cent, when rate is given'),
}, ['description', 'amount']);

/** Invoices made and edited on the platform. */
export const INVOICE_WRITE_API: ApiDescription = {
  'POST /api/connections/:id/invoices': {
    summary: 'Create an invoice on the platform',
    description: 'By default it stays on the platform (qbd.state not_sent) and its payments too; a partner whose rules send platform invoices to QuickBooks sees pending, then synced.',
    auth: 'partner',
    body: obj({ customerId: str('A customer of this connection'), number: str(undefined, { maxLength: 11 }), date: date(), dueDate: date(), lines: list(INVOICE_LINE_INPUT) }, ['customerId', 'lines']),
    response: { status: 201, schema: INVOICE_SCHEMA },
  },
  'PATCH /api/connections/:id/invoices/:invoiceId': {
    summary: 'Change the due date or the lines of an unpaid invoice',
    description: 'Lines, when sent, replace the invoice\'s lines. By default the edit stays on the platform, and the next change made to the invoice in QuickBooks replaces it.',
    auth: 'partner',
    body: obj({ dueDate: date(), lines: list(INVOICE_LINE_INPUT) }, []),
    response: { status: 200, schema: INVOICE_SCHEMA },
  },
  'GET /api/connections/:id/invoices/:invoiceId': { summary: 'One invoice, with where it stands in QuickBooks', auth: 'partner', response: { status: 200, schema: INVOICE_SCHEMA } },
};

export const PAYMENT_API: ApiDescription = {
  'POST /api/connections/:id/payments': {
    summary: 'Record a succeeded payment of an invoice', description: 'It flows to QuickBooks as a ReceivePayment at the next sync.', auth: 'partner',
    body: obj({ invoiceId: str(), amount: money('More than 0.00 and at most the balance'), date: date(), method: str(), reference: str() }, ['invoiceId', 'amount']),
    response: { status: 201, schema: PAYMENT_SCHEMA },
  },
  'POST /api/payments/:id/fail': { summary: 'Mark a payment failed', description: 'Its QuickBooks payment is deleted at the next sync; one already paid out is returned instead (a journal entry), so the deposit stays as the bank saw it.', auth: 'partner', response: { status: 200, schema: PAYMENT_SCHEMA } },
  'POST /api/connections/:id/payouts': {
    summary: 'Pay out payments to the partner\'s bank', description: 'Becomes one QuickBooks deposit, unless payments go straight to a bank account (deposit.needed false).', auth: 'partner',
    body: obj({ paymentIds: list(str()), date: date() }, ['paymentIds']),
    response: { status: 201, schema: obj({ id: str(), date: date(), total: money(), paymentIds: list(str()), deposit: obj({ needed: bool(), message: str() }) }) },
  },
  'GET /api/connections/:id/payments': { summary: 'Payments with their QuickBooks state, newest first', auth: 'partner', query: PAGE_QUERY, response: { status: 200, schema: page(PAYMENT_SCHEMA) } },
  'GET /api/connections/:id/deposits': { summary: 'Payouts with their QuickBooks deposit state, newest first', auth: 'partner', query: PAGE_QUERY, response: { status: 200, schema: page(DEPOSIT_SCHEMA) } },
};

export const ADMIN_API: ApiDescription = {
  'POST /api/admin/partners': {
    summary: 'Create a partner', description: 'The API key is shown only in this answer. The id may be chosen, so an override file can be written first.', auth: 'admin',
    body: obj({ name: str(undefined, { maxLength: 200 }), id: str('A lower-case UUID', { format: 'uuid' }) }, ['name']),
    response: { status: 201, schema: obj({ id: str(), name: str(), apiKey: str() }) },
  },
  'GET /api/admin/partners': { summary: 'Every partner', auth: 'admin', response: { status: 200, schema: list(obj({ id: str(), name: str(), createdAt: str(undefined, { format: 'date-time' }) })) } },
};

export const KEY_API: ApiDescription = {
  'POST /api/keys/rotate': {
    summary: 'Rotate your API key',
    description: 'The new key works at once and is shown only in this answer. The key it replaces keeps working for 24 hours (previousKeyExpiresAt), so deployments can catch up; a second rotation ends an older key at once. With revokePrevious the replaced key stops at once (a leak). Only the current key may rotate.',
    auth: 'partner',
    body: obj({ revokePrevious: bool('End the replaced key now instead of after 24 hours') }, []),
    response: { status: 201, schema: obj({ apiKey: str(), previousKeyExpiresAt: nullable(str('When the replaced key stops working; null when it already has', { format: 'date-time' })) }) },
  },
};

export const ATTENTION_API: ApiDescription = {
  'GET /api/connections/:id/attention': {
    summary: 'Records that need the partner: writes the accounting system refused, with what to do, newest first (at most 100)',
    description: 'What needs the partner about the connection itself (a refused sign-in, accounts to choose, a quiet connection) is on the connection, in needsAttention.',
    auth: 'partner',
    response: {
      status: 200,
      schema: obj({
        items: list(obj({
          id: str(), kind: str(undefined, { enum: ['write_refused'] }), item: str(), recordId: str('The record\'s id on the platform'), at: str(undefined, { format: 'date-time' }),
          text: str('What is wrong, naming the record'), advice: str('What to do'),
        })),
      }),
    },
  },
};
