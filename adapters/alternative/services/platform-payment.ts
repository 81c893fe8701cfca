import type { Payment } from '../../../core/items/payment';
import type { LocalDate } from '../../../core/values/instant';
import type { Money } from '../../../core/values/money';

/** A payment taken on the platform, as the rules and the accounting system see it: all of it for one invoice, named by its source ids. */
export function platformPayment(
  p: { readonly id: string; readonly amount: Money; readonly receivedOn: LocalDate; readonly method?: string | null; readonly reference?: string | null },
  invoice: { readonly source_id: string; readonly customer_source_id: string },
): Payment {
  return {
    id: p.id,
    customerId: invoice.customer_source_id,
    receivedOn: p.receivedOn,
    amount: p.amount,
    status: 'succeeded',
    reference: p.reference ?? undefined,
    method: p.method ?? undefined,
    applications: [{ invoiceId: invoice.source_id, amount: p.amount }],
  };
}
