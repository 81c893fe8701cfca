import { AppError } from '../../../../core/errors/app-error';
import type { Customer } from '../../../../core/items/customer';
import type { CustomerRecord } from '../../qbxml/records/customer-record';
import { buildCustomerQuery } from '../../qbxml/requests/list-queries';
import { qbText } from '../../qbxml/requests/qb-text';
import { buildCustomerAdd } from '../../qbxml/requests/write-requests';
import { bracedUuid } from '../steps/phased-write';
import { defineWriter, markSent, settleRow } from './simple-writer';

/**
 * A customer the partner's rules send to QuickBooks. Its name must be unique there; one that
 * cannot be written in QuickBooks' character set or length needs the partner, not a retry. Ours
 * is the customer carrying our operation id as its ExternalGUID (a query by name may return
 * someone else's).
 */
export const customerAddWriter = defineWriter({
  operation: 'customer-add',
  what: 'customers',
  logAs: 'add',
  async request(context, row) {
    const customer = row.payload as unknown as Customer;
    if (row.state === 'sent') {
      await markSent(context, row, 'lookup');
      // Look for the name as the add wrote it (Latin-1, transliterated), not as typed.
      return buildCustomerQuery({
        requestId: context.requestId,
        select: { fullNames: [qbText(customer.name, { field: 'CustomerAdd/Name', max: 41, overflow: 'refuse' })] },
      });
    }
    try {
      const request = buildCustomerAdd({
        requestId: context.requestId,
        name: customer.name,
        companyName: customer.companyName,
        email: customer.email,
        phone: customer.phone,
        externalGuid: bracedUuid(row.id),
      });
      await markSent(context, row, 'add');
      return request;
    } catch (error) {
      if (!(error instanceof AppError) || error.kind !== 'invalid') throw error;
      await settleRow(context.em, row, { state: 'needs-action', message: `QuickBooks cannot take this customer: ${error.message}` }, context.now, 'add');
      return 'skip';
    }
  },
  isOurs: (r, guid) => r.type === 'CustomerRet' && r.externalGuid?.toUpperCase() === guid,
  idOf: (r) => (r as CustomerRecord).listId,
});
