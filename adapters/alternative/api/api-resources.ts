// The partner API's resources as the reference shows them: schemas, and one small consistent
// ledger of examples (every route's description draws on these).
import { bool, date, dict, int, list, money, nullable, obj, str } from '../../../core/runtime/http/openapi/api-description';

export const SOURCE = obj({ system: str('Where the record came from: qbd or alternative'), id: str(), version: nullable(str()) });

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

export const CUSTOMER_EXAMPLE = {
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
export const PLATFORM_CUSTOMER_EXAMPLE = {
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

export const QBD_CUSTOMER_STATE = obj({ state: str(undefined, { enum: ['not_sent', 'pending', 'synced', 'needs_action'] }), listId: str(), message: str() }, [
  'state',
]);

export const INVOICE_SCHEMA = obj({
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

export const INVOICE_EXAMPLE = {
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
export const PLATFORM_INVOICE_EXAMPLE = {
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

export const EVENT_SCHEMA = obj({
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

export const PAYMENT_SCHEMA = obj({
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

export const PAYMENT_EXAMPLE = {
  id: 'ddd715a9-c203-4665-8279-fb4e06b61d45',
  invoiceId: INVOICE_EXAMPLE.id,
  amount: '125.00',
  date: '2026-11-21',
  method: 'card',
  reference: 'ch_3QkT9b2eZvKYlo2C',
  status: 'succeeded',
  qbd: { state: 'synced', txnId: '1A7-1777512001' },
};

export const DEPOSIT_SCHEMA = obj({
  id: str(),
  date: date(),
  total: money(),
  paymentIds: list(str()),
  qbd: obj({ state: str(undefined, { enum: ['not_needed', 'pending', 'synced', 'needs_action'] }), txnId: str(), message: str() }, ['state']),
});

export const PAYOUT_EXAMPLE = { id: 'a4e168c8-f455-4782-966c-1ead51b9ace3', date: '2026-11-24', total: '125.00', paymentIds: [PAYMENT_EXAMPLE.id] };

/** An example page: as a list route answers, with the cursor of the next page. */
export const pageOf = (items: unknown[], nextCursor: string | null = 'eyJmdWxsTmFtZSI6IkNhZsOpIMORYW5kw7ogJiBTb25zIn0') => ({ items, nextCursor });

export const API_KEY_EXAMPLE = 'altk_SwNdv2-USxsF-cwBSSMoLCjKHTo85uLFGEZaaElo64c';
