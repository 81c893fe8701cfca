import { ApiDescription, list, obj, str } from '../../../core/runtime/http/openapi/api-description';
import { PAYMENT_EXAMPLE } from './api-resources';

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
