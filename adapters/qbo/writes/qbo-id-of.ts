import { UUID_PATTERN } from '../../../core/validation/uuid';

/**
 * The QBO Id of a customer or invoice a payment names. Records that came from QBO carry their
 * QBO Id as their source id (digit strings, reference §1); one made on the platform has a uuid
 * and no QBO Id, since nothing sends platform invoices or customers to QBO by default.
 */
export function qboIdOf(item: 'customer' | 'invoice', id: string): { readonly id: string } | { readonly missing: string } {
  return UUID_PATTERN.test(id) ? { missing: `the ${item} exists only on the platform, not in QuickBooks Online` } : { id };
}
