import { ApiDescription, PAGE_QUERY, bool, date, dict, int, list, money, nullable, obj, page, str } from '../../../core/runtime/http/openapi/api-description';

const SOURCE = obj({ system: str('Where the record came from: qbd or alternative'), id: str(), version: nullable(str()) });

export const CUSTOMER_SCHEMA = obj({
  id: str(),
  name: str(),
  fullName: str(),
  companyName: nullable(str()),
  email: nullable(str()),
  phone: nullable(str()),
  isActive: bool(),
  balance: nullable(money()),
  archived: bool(),
  deleted: bool(),
  source: SOURCE,
});

// The examples below are one small, consistent ledger: the reference at /api/docs shows them.

const CUSTOMER_EXAMPLE = {
  id: '35711eee-9199-46ec-b709-346e9face405',
  name: 'Café Ñandú & Sons',
  fullName: 'Café Ñandú & Sons',
  companyName: 'Café Ñandú & Sons S.A.',
  email: 'ap@cafenandu.example',
  phone: '+54 11 4555-0199',
  isActive: true,
  balance: '1250.40',
  archived: false,
  deleted: false,
  source: { system: 'qbd', id: '80000007-1764659407', version: '1764659407' },
};
const PLATFORM_CUSTOMER_EXAMPLE = {
  id: 'abbd0da5-f5cc-40ff-ba03-5226fc749014',
  name: 'Łódź Bakery & Co',
  fullName: 'Łódź Bakery & Co',
  companyName: null,
  email: 'billing@lodzbakery.example',
  phone: null,
  isActive: true,
  balance: null,
  archived: false,
  deleted: false,
  source: { system: 'alternative', id: 'abbd0da5-f5cc-40ff-ba03-5226fc749014', version: null },
};

const QBD_CUSTOMER_STATE = obj({ state: str(undefined, { enum: ['not_sent', 'pending', 'synced', 'needs_action'] }), listId: str(), message: str() }, [
  'state',
]);

const INVOICE_SCHEMA = obj({
  id: str(),
  number: nullable(str()),
  customerSourceId: str(),
  customerName: nullable(str("The customer's full name as the ledger has it")),
  txnDate: date(),
  dueDate: nullable(date()),
  memo: nullable(str()),
  subtotal: money(),
  salesTax: money(),
  total: money(),
  balance: money(),
  status: str(undefined, { enum: ['open', 'partially-paid', 'paid', 'void'] }),
  archived: bool(),
  deleted: bool(),
  source: str('Where the invoice was made: qbd or alternative'),
  qbd: obj(
    {
      state: str(
        'synced: QuickBooks has it as shown; pending: a write is on its way; not_sent: made here and kept here by the rules; needs_action: QuickBooks refused a write (message)',
        { enum: ['not_sent', 'pending', 'synced', 'needs_action'] },
      ),
      txnId: str(),
      refNumber: nullable(str()),
      editSequence: nullable(str()),
      message: str(),
    },
    ['state'],
  ),
  lines: list(
    obj({ id: nullable(str()), itemName: nullable(str()), description: nullable(str()), quantity: nullable(str()), rate: nullable(str()), amount: money() }),
  ),
});

const INVOICE_EXAMPLE = {
  id: '7c399887-7997-43f9-9c69-b53459a55d46',
  number: '1042',
  customerSourceId: CUSTOMER_EXAMPLE.source.id,
  customerName: CUSTOMER_EXAMPLE.fullName,
  txnDate: '2026-11-02',
  dueDate: '2026-12-02',
  memo: 'November roasting',
  subtotal: '1157.78',
  salesTax: '92.62',
  total: '1250.40',
  balance: '1250.40',
  status: 'open',
  archived: false,
  deleted: false,
  source: 'qbd',
  qbd: { state: 'synced', txnId: '123-1777425514', refNumber: '1042', editSequence: '1777425514' },
  lines: [
    { id: '124-1777425514', itemName: 'Coffee:Espresso blend', description: 'Espresso blend, 1 kg bags', quantity: '40', rate: '24.50', amount: '980.00' },
    { id: '125-1777425514', itemName: 'Delivery', description: 'Delivery, Buenos Aires', quantity: '1', rate: '177.78', amount: '177.78' },
  ],
};
const PLATFORM_INVOICE_EXAMPLE = {
  id: '60f97ded-efb6-4aa0-9b15-dca2602babe1',
  number: 'P-100',
  customerSourceId: CUSTOMER_EXAMPLE.source.id,
  customerName: CUSTOMER_EXAMPLE.fullName,
  txnDate: '2026-11-20',
  dueDate: '2026-12-20',
  memo: null,
  subtotal: '349.99',
  salesTax: '0.00',
  total: '349.99',
  balance: '349.99',
  status: 'open',
  archived: false,
  deleted: false,
  source: 'alternative',
  qbd: { state: 'not_sent', message: 'Invoices made here stay here: the rules do not send them to QuickBooks.' },
  lines: [
    { id: '98d65c4e-c008-47fb-b56b-3be3f7fe1ab9', itemName: 'Consulting', description: 'Setup', quantity: '2', rate: '150.00', amount: '300.00' },
    { id: '0e6b1f2a-7c3d-4e58-9a41-d2b8c5f09e17', itemName: 'Support', description: 'Monthly support', quantity: null, rate: null, amount: '49.99' },
  ],
};

const EVENT_SCHEMA = obj({
  id: str(),
  at: str(undefined, { format: 'date-time' }),
  item: str(),
  operation: str(),
  from: str(),
  to: str(),
  sourceId: str(),
  outcome: str(undefined, { enum: ['applied', 'deferred', 'skipped', 'denied', 'failed'] }),
  message: nullable(str()),
  effect: nullable(str('For an applied upsert: created or updated', { enum: ['created', 'updated'] })),
  record: nullable(obj({ name: str('Its number or name'), customer: nullable(str()) }, ['name'])),
  text: str('The line in words: the record, what happened to it, and why'),
  needsAttention: bool('The partner has something to do (advice says what)'),
  advice: nullable(str()),
  summary: nullable(dict(int(undefined, { minimum: 1 }), "On a session's summary line: how many lines of each kind (item:operation:outcome[:effect])")),
});

const PAYMENT_SCHEMA = obj({
  id: str(),
  invoiceId: str(),
  amount: money(),
  date: date(),
  method: nullable(str()),
  reference: nullable(str()),
  status: str(undefined, { enum: ['succeeded', 'failed'] }),
  qbd: obj(
    {
      state: str('not_sent: its invoice exists only on the platform, so it stays here', {
        enum: ['not_sent', 'pending', 'synced', 'reverted', 'needs_action'],
      }),
      txnId: str(),
      message: str(),
    },
    ['state'],
  ),
});

const PAYMENT_EXAMPLE = {
  id: 'ddd715a9-c203-4665-8279-fb4e06b61d45',
  invoiceId: INVOICE_EXAMPLE.id,
  amount: '125.00',
  date: '2026-11-21',
  method: 'card',
  reference: 'ch_3QkT9b2eZvKYlo2C',
  status: 'succeeded',
  qbd: { state: 'synced', txnId: '1A7-1777512001' },
};

const DEPOSIT_SCHEMA = obj({
  id: str(),
  date: date(),
  total: money(),
  paymentIds: list(str()),
  qbd: obj({ state: str(undefined, { enum: ['not_needed', 'pending', 'synced', 'needs_action'] }), txnId: str(), message: str() }, ['state']),
});

const PAYOUT_EXAMPLE = { id: 'a4e168c8-f455-4782-966c-1ead51b9ace3', date: '2026-11-24', total: '125.00', paymentIds: [PAYMENT_EXAMPLE.id] };

/** An example page: as a list route answers, with the cursor of the next page. */
const pageOf = (items: unknown[], nextCursor: string | null = 'eyJmdWxsTmFtZSI6IkNhZsOpIMORYW5kw7ogJiBTb25zIn0') => ({ items, nextCursor });

/** The ledger as partners read it: customers, invoices and the sync log. */
export const LEDGER_API: ApiDescription = {
  'GET /api/connections/:id/customers': {
    operationId: 'listCustomers',
    summary: 'Customers, by name',
    auth: 'partner',
    query: PAGE_QUERY,
    response: { status: 200, schema: page(CUSTOMER_SCHEMA), example: pageOf([CUSTOMER_EXAMPLE, PLATFORM_CUSTOMER_EXAMPLE]) },
  },
  'GET /api/connections/:id/invoices': {
    operationId: 'listInvoices',
    summary: 'Invoices with their lines, balance and status, newest first',
    auth: 'partner',
    query: [
      ...PAGE_QUERY,
      {
        name: 'archived',
        description: 'include: also archived and deleted invoices (marked archived/deleted); left out by default',
        schema: str(undefined, { enum: ['include', 'exclude'] }),
      },
      {
        name: 'q',
        description: 'Only invoices whose number or customer name contains this text (any case), at most 100 characters',
        schema: str(undefined, { maxLength: 100 }),
      },
    ],
    response: { status: 200, schema: page(INVOICE_SCHEMA), example: pageOf([INVOICE_EXAMPLE, PLATFORM_INVOICE_EXAMPLE], null) },
  },
  'GET /api/connections/:id/events': {
    operationId: 'listEvents',
    summary: 'The sync log in words: what moved, which way, why anything was skipped or failed, and a line per session, newest first',
    auth: 'partner',
    query: [
      ...PAGE_QUERY,
      {
        name: 'filter',
        description: 'attention: only the lines that need the partner; all (default): every line',
        schema: str(undefined, { enum: ['all', 'attention'] }),
      },
    ],
    response: {
      status: 200,
      schema: page(EVENT_SCHEMA),
      example: pageOf(
        [
          {
            id: '14',
            at: '2026-11-25T15:02:15.120Z',
            item: 'sync',
            operation: 'session',
            from: 'qbd',
            to: 'none',
            sourceId: '',
            outcome: 'applied',
            message: null,
            effect: null,
            record: null,
            text: 'Sync finished — 1 invoice updated, 1 payment recorded.',
            needsAttention: false,
            advice: null,
            summary: { 'invoice:upsert:applied:updated': 1, 'payment:add:applied': 1 },
          },
          {
            id: '13',
            at: '2026-11-25T15:02:14.891Z',
            item: 'payment',
            operation: 'add',
            from: 'alternative',
            to: 'qbd',
            sourceId: PAYMENT_EXAMPLE.id,
            outcome: 'applied',
            message: null,
            effect: null,
            record: { name: '1042', customer: 'Café Ñandú & Sons' },
            text: 'Payment of 125.00 from Café Ñandú & Sons for invoice 1042 recorded in QuickBooks Desktop.',
            needsAttention: false,
            advice: null,
            summary: null,
          },
          {
            id: '12',
            at: '2026-11-25T15:02:13.859Z',
            item: 'invoice',
            operation: 'upsert',
            from: 'alternative',
            to: 'qbd',
            sourceId: PLATFORM_INVOICE_EXAMPLE.id,
            outcome: 'denied',
            message: 'No rule lets invoice upsert flow from alternative to qbd.',
            effect: null,
            record: { name: 'P-100', customer: 'Café Ñandú & Sons' },
            text: 'Invoice P-100 for Café Ñandú & Sons stays where it is: your sync rules do not send it to QuickBooks Desktop.',
            needsAttention: false,
            advice: null,
            summary: null,
          },
        ],
        'eyJpZCI6IjEyIn0',
      ),
    },
  },
};

export const CUSTOMER_API: ApiDescription = {
  'POST /api/connections/:id/customers': {
    operationId: 'createCustomer',
    summary: 'Create a customer on the platform',
    description: 'By default it stays on the platform (qbd.state not_sent); a partner whose rules send such customers to QuickBooks sees pending, then synced.',
    auth: 'partner',
    body: obj({ name: str(undefined, { maxLength: 209 }), companyName: str(), email: str(), phone: str() }, ['name']),
    bodyExample: { name: PLATFORM_CUSTOMER_EXAMPLE.name, email: PLATFORM_CUSTOMER_EXAMPLE.email },
    response: {
      status: 201,
      schema: { ...CUSTOMER_SCHEMA, properties: { ...(CUSTOMER_SCHEMA.properties as object), qbd: QBD_CUSTOMER_STATE } },
      example: {
        ...PLATFORM_CUSTOMER_EXAMPLE,
        qbd: { state: 'not_sent', message: 'Customers created here stay here: the rules do not send them to QuickBooks.' },
      },
    },
  },
  'GET /api/connections/:id/customers/:customerId': {
    operationId: 'getCustomer',
    summary: 'One customer, with where it stands in QuickBooks',
    auth: 'partner',
    response: {
      status: 200,
      schema: { ...CUSTOMER_SCHEMA, properties: { ...(CUSTOMER_SCHEMA.properties as object), qbd: QBD_CUSTOMER_STATE } },
      example: { ...CUSTOMER_EXAMPLE, qbd: { state: 'synced', listId: CUSTOMER_EXAMPLE.source.id } },
    },
  },
};

const INVOICE_LINE_INPUT = obj(
  {
    id: str('An existing line of this invoice (an edit): it keeps its item unless item is given'),
    item: str("The QuickBooks item the line is sold under; needed when the partner's rules send platform invoices to QuickBooks", { maxLength: 159 }),
    description: str(undefined, { maxLength: 4095 }),
    quantity: str('A decimal, up to 5 decimals'),
    rate: str('A decimal, up to 5 decimals'),
    amount: money('quantity (1 when absent) x rate, to the cent, when rate is given'),
  },
  ['description', 'amount'],
);

/** Invoices made and edited on the platform. */
export const INVOICE_WRITE_API: ApiDescription = {
  'POST /api/connections/:id/invoices': {
    operationId: 'createInvoice',
    summary: 'Create an invoice on the platform',
    description:
      'By default it stays on the platform (qbd.state not_sent) and its payments too; a partner whose rules send platform invoices to QuickBooks sees pending, then synced.',
    auth: 'partner',
    body: obj(
      {
        customerId: str('A customer of this connection'),
        number: str(undefined, { maxLength: 11 }),
        date: date(),
        dueDate: date(),
        lines: list(INVOICE_LINE_INPUT),
      },
      ['customerId', 'lines'],
    ),
    bodyExample: {
      customerId: CUSTOMER_EXAMPLE.id,
      number: 'P-100',
      date: '2026-11-20',
      dueDate: '2026-12-20',
      lines: [
        { item: 'Consulting', description: 'Setup', quantity: '2', rate: '150.00', amount: '300.00' },
        { item: 'Support', description: 'Monthly support', amount: '49.99' },
      ],
    },
    response: { status: 201, schema: INVOICE_SCHEMA, example: PLATFORM_INVOICE_EXAMPLE },
  },
  'PATCH /api/connections/:id/invoices/:invoiceId': {
    operationId: 'updateInvoice',
    summary: 'Change the due date or the lines of an unpaid invoice',
    description:
      "Lines, when sent, replace the invoice's lines. By default the edit stays on the platform, and the next change made to the invoice in QuickBooks replaces it.",
    auth: 'partner',
    body: obj({ dueDate: date(), lines: list(INVOICE_LINE_INPUT) }, []),
    bodyExample: {
      dueDate: '2027-01-05',
      lines: [
        { id: PLATFORM_INVOICE_EXAMPLE.lines[0].id, description: 'Setup', quantity: '2', rate: '150.00', amount: '300.00' },
        { item: 'Training', description: 'Staff training, half day', amount: '125.00' },
      ],
    },
    response: {
      status: 200,
      schema: INVOICE_SCHEMA,
      example: {
        ...PLATFORM_INVOICE_EXAMPLE,
        dueDate: '2027-01-05',
        subtotal: '425.00',
        total: '425.00',
        balance: '425.00',
        lines: [
          PLATFORM_INVOICE_EXAMPLE.lines[0],
          {
            id: '5a0c9e4b-2d71-4f83-b6e5-19c7d3a8f042',
            itemName: 'Training',
            description: 'Staff training, half day',
            quantity: null,
            rate: null,
            amount: '125.00',
          },
        ],
      },
    },
  },
  'GET /api/connections/:id/invoices/:invoiceId': {
    operationId: 'getInvoice',
    summary: 'One invoice, with where it stands in QuickBooks',
    auth: 'partner',
    response: { status: 200, schema: INVOICE_SCHEMA, example: INVOICE_EXAMPLE },
  },
};

export const PAYMENT_API: ApiDescription = {
  'POST /api/connections/:id/payments': {
    operationId: 'createPayment',
    summary: 'Record a succeeded payment of an invoice',
    description: 'It flows to QuickBooks as a ReceivePayment at the next sync.',
    auth: 'partner',
    body: obj({ invoiceId: str(), amount: money('More than 0.00 and at most the balance'), date: date(), method: str(), reference: str() }, [
      'invoiceId',
      'amount',
    ]),
    bodyExample: { invoiceId: PAYMENT_EXAMPLE.invoiceId, amount: '125.00', date: '2026-11-21', method: 'card', reference: PAYMENT_EXAMPLE.reference },
    response: { status: 201, schema: PAYMENT_SCHEMA, example: { ...PAYMENT_EXAMPLE, qbd: { state: 'pending' } } },
  },
  'POST /api/payments/:id/fail': {
    operationId: 'failPayment',
    summary: 'Mark a payment failed',
    description:
      'Its QuickBooks payment is deleted at the next sync; one already paid out is returned instead (a journal entry), so the deposit stays as the bank saw it.',
    auth: 'partner',
    response: { status: 200, schema: PAYMENT_SCHEMA, example: { ...PAYMENT_EXAMPLE, status: 'failed', qbd: { state: 'pending' } } },
  },
  'POST /api/connections/:id/payouts': {
    operationId: 'createPayout',
    summary: "Pay out payments to the partner's bank",
    description: 'Becomes one QuickBooks deposit, unless payments go straight to a bank account (deposit.needed false).',
    auth: 'partner',
    body: obj({ paymentIds: list(str()), date: date() }, ['paymentIds']),
    bodyExample: { paymentIds: PAYOUT_EXAMPLE.paymentIds, date: PAYOUT_EXAMPLE.date },
    response: {
      status: 201,
      schema: obj({ id: str(), date: date(), total: money(), paymentIds: list(str()), deposit: obj({ needed: bool(), message: str() }) }),
      example: { ...PAYOUT_EXAMPLE, deposit: { needed: true, message: 'A deposit goes to QuickBooks at the next sync.' } },
    },
  },
  'GET /api/connections/:id/payments': {
    operationId: 'listPayments',
    summary: 'Payments with their QuickBooks state, newest first',
    auth: 'partner',
    query: PAGE_QUERY,
    response: { status: 200, schema: page(PAYMENT_SCHEMA), example: pageOf([PAYMENT_EXAMPLE], null) },
  },
  'GET /api/connections/:id/deposits': {
    operationId: 'listDeposits',
    summary: 'Payouts with their QuickBooks deposit state, newest first',
    auth: 'partner',
    query: PAGE_QUERY,
    response: { status: 200, schema: page(DEPOSIT_SCHEMA), example: pageOf([{ ...PAYOUT_EXAMPLE, qbd: { state: 'synced', txnId: '1B2-1777598402' } }], null) },
  },
};

const API_KEY_EXAMPLE = 'altk_SwNdv2-USxsF-cwBSSMoLCjKHTo85uLFGEZaaElo64c';

export const ADMIN_API: ApiDescription = {
  'POST /api/admin/partners': {
    operationId: 'createPartner',
    summary: 'Create a partner',
    description: 'The API key is shown only in this answer. The id may be chosen, so an override file can be written first.',
    auth: 'admin',
    body: obj({ name: str(undefined, { maxLength: 200 }), id: str('A lower-case UUID', { format: 'uuid' }) }, ['name']),
    bodyExample: { name: 'Pagos Ñandú', id: '2b0c7f4e-5d1a-4c8b-9e36-7a1f0d2c4b58' },
    response: {
      status: 201,
      schema: obj({ id: str(), name: str(), apiKey: str() }),
      example: { id: '2b0c7f4e-5d1a-4c8b-9e36-7a1f0d2c4b58', name: 'Pagos Ñandú', apiKey: API_KEY_EXAMPLE },
    },
  },
  'GET /api/admin/partners': {
    operationId: 'listPartners',
    summary: 'Every partner',
    auth: 'admin',
    response: {
      status: 200,
      schema: list(obj({ id: str(), name: str(), createdAt: str(undefined, { format: 'date-time' }) })),
      example: [
        { id: '2b0c7f4e-5d1a-4c8b-9e36-7a1f0d2c4b58', name: 'Pagos Ñandú', createdAt: '2026-11-18T10:20:31.118Z' },
        { id: 'd759c8c3-1681-43b1-af4c-95a0c802763b', name: 'Acme Payments', createdAt: '2026-11-19T08:05:12.440Z' },
      ],
    },
  },
};

export const KEY_API: ApiDescription = {
  'POST /api/keys/rotate': {
    operationId: 'rotateApiKey',
    summary: 'Rotate your API key',
    description:
      'The new key works at once and is shown only in this answer. The key it replaces keeps working for 24 hours (previousKeyExpiresAt), so deployments can catch up; a second rotation ends an older key at once. With revokePrevious the replaced key stops at once (a leak). Only the current key may rotate.',
    auth: 'partner',
    body: obj({ revokePrevious: bool('End the replaced key now instead of after 24 hours') }, []),
    bodyExample: { revokePrevious: false },
    response: {
      status: 201,
      schema: obj({
        apiKey: str(),
        previousKeyExpiresAt: nullable(str('When the replaced key stops working; null when it already has', { format: 'date-time' })),
      }),
      example: { apiKey: 'altk_K-ngfEvSEnq2lXSs5KuK9tGu9A0Hhg_OgTj01TkEUDo', previousKeyExpiresAt: '2026-11-26T15:00:00.000Z' },
    },
  },
};

export const ATTENTION_API: ApiDescription = {
  'GET /api/connections/:id/attention': {
    operationId: 'listAttention',
    summary: 'Records that need the partner: writes the accounting system refused, with what to do, newest first (at most 100)',
    description:
      'What needs the partner about the connection itself (a refused sign-in, accounts to choose, a quiet connection) is on the connection, in needsAttention.',
    auth: 'partner',
    response: {
      status: 200,
      schema: obj({
        items: list(
          obj({
            id: str(),
            kind: str(undefined, { enum: ['write_refused'] }),
            item: str(),
            recordId: str("The record's id on the platform"),
            at: str(undefined, { format: 'date-time' }),
            text: str('What is wrong, naming the record'),
            advice: str('What to do'),
          }),
        ),
      }),
      example: {
        items: [
          {
            id: 'f1c1a0de-3b7e-4a51-9d0e-5f2b9c7d4e21',
            kind: 'write_refused',
            item: 'payment',
            recordId: PAYMENT_EXAMPLE.id,
            at: '2026-11-25T15:02:14.891Z',
            text: 'Payment of 125.00 from Café Ñandú & Sons for invoice 1042 is not in QuickBooks Desktop: it refused the write.',
            advice:
              'Reconciliation needed: the invoice was paid, changed or removed in QuickBooks, so this payment no longer fits it. Record the payment in QuickBooks by hand (as a credit if nothing is owed) or refund it. QuickBooks refused it (3210): The transaction amount is more than the open balance.',
          },
        ],
      },
    },
  },
};
