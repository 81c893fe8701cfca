import { EntityName } from './qbo-records';
import { accountWriter } from './write-account';
import { EntityWriter } from './write-common';
import { customerWriter } from './write-customer';
import { depositWriter } from './write-deposit';
import { invoiceWriter } from './write-invoice';
import { paymentWriter } from './write-payment';

/** The entities the API can write, by entity name. Item is read-only here. */
export const WRITERS: Partial<Record<EntityName, EntityWriter>> = Object.fromEntries(
  [customerWriter, invoiceWriter, paymentWriter, depositWriter, accountWriter].map((w) => [w.entity, w]),
);
