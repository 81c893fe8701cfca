import { ApiDescription, PAGE_QUERY, bool, date, list, money, obj, page, str } from '../../../core/runtime/http/openapi/api-description';
import { PAYMENT_SCHEMA, PAYMENT_EXAMPLE, DEPOSIT_SCHEMA, PAYOUT_EXAMPLE, pageOf } from './api-resources';

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
