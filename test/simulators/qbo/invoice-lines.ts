import { Money, moneyFromCents, moneyToCents } from '../../../core/values/money';
import { QboCompany } from './qbo-company';
import { QboFault } from './qbo-fault';
import { moneyOrZero, readMoney, readRef } from './write-common';

/** The default "Services" item every company has (UNVERIFIED that ItemRef may be omitted, §5.2). */
export const SERVICES_ITEM_ID = '1';

/**
 * Checks and numbers an invoice's lines. A sent Line array replaces all lines (§6.2); subtotal
 * lines are ignored on write; line Ids are reassigned "1", "2"… in order.
 */
export function invoiceLines(company: QboCompany, value: unknown): { lines: Record<string, unknown>[]; total: Money } {
  if (!Array.isArray(value)) throw QboFault.required('Line');
  const kept = value.filter((l) => (l as { DetailType?: unknown })?.DetailType !== 'SubTotalLineDetail') as Record<string, unknown>[];
  if (!kept.some((l) => l.DetailType !== 'DescriptionOnly')) throw QboFault.required('Line');
  let total = 0n;
  const lines = kept.map((line, index) => {
    const out: Record<string, unknown> = { Id: String(index + 1), LineNum: index + 1 };
    if (typeof line.Description === 'string') out.Description = line.Description;
    if (line.DetailType === 'DescriptionOnly') {
      return { ...out, Amount: moneyOrZero(line.Amount, 'Line.Amount'), DetailType: 'DescriptionOnly', DescriptionLineDetail: line.DescriptionLineDetail };
    }
    if (line.DetailType !== 'SalesItemLineDetail') {
      throw new QboFault(
        400,
        '2010',
        'Request has invalid or unsupported property',
        `Property Name:DetailType has an unsupported value: ${String(line.DetailType)}`,
        'ValidationFault',
        'Line.DetailType',
      );
    }
    const amount = readMoney(line.Amount, 'Line.Amount');
    const detail = (line.SalesItemLineDetail ?? {}) as Record<string, unknown>;
    const item = readRef(company, detail.ItemRef ?? { value: SERVICES_ITEM_ID }, 'Item', 'Line.SalesItemLineDetail.ItemRef', true)!;
    const shownDetail: Record<string, unknown> = { ...detail, ItemRef: item };
    if (detail.UnitPrice !== undefined) shownDetail.UnitPrice = readMoney(detail.UnitPrice, 'Line.SalesItemLineDetail.UnitPrice');
    if (detail.Qty !== undefined) shownDetail.Qty = readQty(detail.Qty);
    if (shownDetail.Qty !== undefined && shownDetail.UnitPrice !== undefined) checkAmount(shownDetail.Qty as string, shownDetail.UnitPrice as Money, amount);
    total += moneyToCents(amount);
    return { ...out, Amount: amount, DetailType: 'SalesItemLineDetail', SalesItemLineDetail: shownDetail };
  });
  return { lines, total: moneyFromCents(total) };
}

function readQty(value: unknown): string {
  const text = String(value);
  if (!/^-?\d+(\.\d{1,5})?$/.test(text))
    throw new QboFault(400, '2010', 'Request has invalid or unsupported property', `Property Name:Qty is not a number: ${text}`, 'ValidationFault', 'Qty');
  return text;
}

/** Amount must equal Qty × UnitPrice, to the cent (6070, OBS ipp-codes). Exact decimal arithmetic. */
function checkAmount(qty: string, unitPrice: Money, amount: Money): void {
  const [whole, fraction = ''] = qty.replace('-', '').split('.');
  const scaledQty = BigInt(whole + fraction.padEnd(5, '0')) * (qty.startsWith('-') ? -1n : 1n);
  const product = scaledQty * moneyToCents(unitPrice); // cents × 10^5
  const expected = moneyToCents(amount) * 100_000n;
  const diff = product - expected;
  if (diff >= 50_000n || diff < -50_000n) throw QboFault.business(`Amount is not equal to UnitPrice * Qty. Supplied value:${amount}`, '6070');
}
