import type { Customer } from '../../../core/items/customer';
import { writeEntity } from '../client/qbo-calls';
import { faultOf } from '../client/qbo-fault';
import { defineQboWriter, requestIdOf } from './qbo-writer';

/**
 * A platform customer the partner's rules send to QBO (none by default), as a QBO Customer. Its
 * DisplayName must be unique among customers, vendors and employees (6240): a taken name needs
 * the partner. When the sync reads it back, the ledger finds it by this row's target id and links
 * it to the platform's customer instead of adding a second one.
 */
export const customerCreateWriter = defineQboWriter({
  operation: 'customer-create',
  what: 'customers',
  logAs: 'add',
  async write({ client, signal }, row) {
    const customer = row.payload as unknown as Customer;
    try {
      const created = await writeEntity(
        client,
        {
          entity: 'Customer',
          requestId: requestIdOf(row),
          what: `the customer "${customer.name}"`,
          body: {
            DisplayName: customer.name,
            ...(customer.companyName ? { CompanyName: customer.companyName } : {}),
            ...(customer.email ? { PrimaryEmailAddr: { Address: customer.email } } : {}),
            ...(customer.phone ? { PrimaryPhone: { FreeFormNumber: customer.phone } } : {}),
          },
        },
        signal,
      );
      return { state: 'done', targetId: created.Id };
    } catch (error) {
      if (faultOf(error)?.code !== '6240') throw error;
      return {
        state: 'needs-action',
        message: `QuickBooks Online already has a customer, vendor or employee named "${customer.name}". Rename one of them, or link the platform's customer to it by hand.`,
      };
    }
  },
});
