import { Money } from '../../../core/values/money';
import { accountBalance, customerBalance, invoiceBalance, paymentUnapplied } from './company-balances';
import { QboCompany } from './qbo-company';
import { EntityName, refValue, SimEntity } from './qbo-records';

/** Fields kept as Money strings and shown as JSON numbers, as QBO does (`65.0` reads as 65). */
const NUMBER_KEYS = new Set([
  'Amount',
  'TotalAmt',
  'UnitPrice',
  'Qty',
  'Balance',
  'UnappliedAmt',
  'CurrentBalance',
  'CurrentBalanceWithSubAccounts',
  'BalanceWithJobs',
]);
/** Reference fields whose `name` QBO fills on reads, and where the name comes from. */
const REF_SOURCES: Record<string, { entity: EntityName; field: string }> = {
  CustomerRef: { entity: 'Customer', field: 'DisplayName' },
  DepositToAccountRef: { entity: 'Account', field: 'Name' },
  AccountRef: { entity: 'Account', field: 'Name' },
  ItemRef: { entity: 'Item', field: 'Name' },
};
/** Internal markers never shown. */
const HIDDEN = new Set(['voided']);

/** The object as the API shows it: computed fields, filled reference names, empty fields omitted. */
export function entityJson(company: QboCompany, row: SimEntity): Record<string, unknown> {
  const computed: Record<string, unknown> = {};
  if (row.entity === 'Invoice') {
    computed.Balance = invoiceBalance(company, row);
    // UNVERIFIED (Appendix A.7): the invoice lists the payments applied to it.
    const payments = [...(company.applied.get(row.id)?.keys() ?? [])].map((id) => ({ TxnId: id, TxnType: 'Payment' }));
    computed.LinkedTxn = payments;
  }
  if (row.entity === 'Payment') computed.UnappliedAmt = paymentUnapplied(row);
  if (row.entity === 'Customer') {
    computed.Balance = customerBalance(company, row.id);
    computed.BalanceWithJobs = computed.Balance;
    computed.FullyQualifiedName = row.fields.DisplayName;
  }
  if (row.entity === 'Account') {
    computed.CurrentBalance = accountBalance(company, row);
    computed.CurrentBalanceWithSubAccounts = computed.CurrentBalance;
    computed.FullyQualifiedName = row.fields.Name;
  }
  const body = shown(company, { ...row.fields, ...computed }) as Record<string, unknown>;
  if (row.entity === 'Invoice' && Array.isArray(body.Line)) body.Line = [...body.Line, subtotalLine(row)];
  return {
    ...body,
    domain: 'QBO',
    sparse: false,
    Id: row.id,
    SyncToken: String(row.syncToken),
    MetaData: { CreateTime: company.clock.stamp(row.created), LastUpdatedTime: company.clock.stamp(row.updated) },
  };
}

/** QBO adds a subtotal line to invoice reads (UNVERIFIED: ignored on write, §5.2). */
function subtotalLine(row: SimEntity): unknown {
  return { Amount: Number(row.fields.TotalAmt as Money), DetailType: 'SubTotalLineDetail', SubTotalLineDetail: {} };
}

function shown(company: QboCompany, value: unknown, key = ''): unknown {
  if (value === null || value === undefined || value === '') return undefined;
  if (NUMBER_KEYS.has(key) && typeof value === 'string') return Number(value);
  if (Array.isArray(value)) {
    const items = value.map((v) => shown(company, v)).filter((v) => v !== undefined);
    return items.length ? items : undefined;
  }
  if (typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    if (HIDDEN.has(k)) continue;
    const shownValue = REF_SOURCES[k] ? namedRef(company, k, v) : shown(company, v, k);
    if (shownValue !== undefined) out[k] = shownValue;
  }
  return Object.keys(out).length ? out : undefined;
}

function namedRef(company: QboCompany, key: string, ref: unknown): unknown {
  const id = refValue(ref);
  if (id === undefined) return undefined;
  const source = REF_SOURCES[key];
  const name = company.get(source.entity, id)?.fields[source.field];
  return typeof name === 'string' ? { value: id, name } : { value: id };
}
