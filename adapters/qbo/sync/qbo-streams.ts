import type { Change } from '../../../core/changes/change';
import type { Instant } from '../../../core/values/instant';
import { customerChanges, deletedCustomerChange } from '../mapping/customer-changes';
import { deletedInvoiceChange, invoiceChange } from '../mapping/invoice-changes';
import type { QboCustomer, QboInvoice, QboTombstone } from '../mapping/qbo-records';

/**
 * What the sync reads of each QBO entity, as data: the entity's name in queries and CDC, what
 * its records and tombstones become, and how the partner's counts name them. The runner never
 * branches on an entity.
 */
export interface QboStream {
  readonly entity: string;
  readonly item: 'customer' | 'invoice';
  readonly countsAs: string;
  toChanges(record: unknown, observedAt: Instant): Change[];
  deleted(record: QboTombstone, observedAt: Instant): Change;
}

export const CUSTOMER_STREAM: QboStream = {
  entity: 'Customer',
  item: 'customer',
  countsAs: 'customers',
  toChanges: (record, at) => customerChanges(record as QboCustomer, at),
  deleted: deletedCustomerChange,
};

export const INVOICE_STREAM: QboStream = {
  entity: 'Invoice',
  item: 'invoice',
  countsAs: 'invoices',
  toChanges: (record, at) => [invoiceChange(record as QboInvoice, at)],
  deleted: deletedInvoiceChange,
};

/** In the order they are read: customers first, so an invoice's customer is known when it arrives. */
export const QBO_STREAMS: readonly QboStream[] = [CUSTOMER_STREAM, INVOICE_STREAM];
