import { QboFault } from './qbo-fault';
import { EntityWriter } from './write-common';

const NAME_PARTS = ['Title', 'GivenName', 'MiddleName', 'FamilyName', 'Suffix'] as const;

/** Customer rules (../shared/reference/qbo-api.md §5.1). */
export const customerWriter: EntityWriter = {
  entity: 'Customer',
  writable: new Set([
    'DisplayName',
    ...NAME_PARTS,
    'CompanyName',
    'PrimaryEmailAddr',
    'PrimaryPhone',
    'Mobile',
    'Fax',
    'BillAddr',
    'ShipAddr',
    'Notes',
    'Active',
    'Taxable',
    'PreferredDeliveryMethod',
    'PrintOnCheckName',
    'Job',
    'ParentRef',
    'BillWithParent',
  ]),
  deletable: false,
  prepare(company, fields, existing) {
    const parts = NAME_PARTS.map((p) => fields[p]).filter((v): v is string => typeof v === 'string' && v.trim() !== '');
    const displayName = typeof fields.DisplayName === 'string' && fields.DisplayName.trim() ? fields.DisplayName.trim() : parts.join(' ');
    if (!displayName) throw QboFault.business('No Name Provided: Please enter a name for the customer.', '6080');
    if (displayName.length > 500)
      throw new QboFault(
        400,
        '2050',
        'String length is either shorter or longer than supported by specification',
        `Min:0 Max:500 Supplied length:${displayName.length}`,
        'ValidationFault',
        'DisplayName',
      );
    if (displayName.includes(':')) throw QboFault.business('Customer names cannot contain a colon (:).');
    // Unique across Customer (and Vendor, Employee, not kept here), case-insensitively (OBS dup-name).
    const key = displayName.toLowerCase();
    for (const other of company.rows.Customer.values()) {
      if (other.id !== existing?.id && String(other.fields.DisplayName).toLowerCase() === key) {
        throw new QboFault(400, '6240', 'Duplicate Name Exists Error', `The name supplied already exists. : Id=${other.id}`, 'ValidationFault', 'DisplayName');
      }
    }
    const email = (fields.PrimaryEmailAddr as { Address?: unknown } | undefined)?.Address;
    if (email !== undefined && (typeof email !== 'string' || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email))) {
      throw new QboFault(400, '2210', 'Invalid Email Address format', `Invalid Email Address format : ${String(email)}`, 'ValidationFault', 'PrimaryEmailAddr');
    }
    return { ...fields, DisplayName: displayName, Active: fields.Active !== false };
  },
};
