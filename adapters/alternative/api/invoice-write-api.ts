import { ApiDescription, date, list, money, obj, str } from '../../../core/runtime/http/openapi/api-description';
import { CUSTOMER_EXAMPLE, INVOICE_SCHEMA, INVOICE_EXAMPLE, PLATFORM_INVOICE_EXAMPLE } from './api-resources';

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
