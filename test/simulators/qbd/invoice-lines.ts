import { Money, ZERO_MONEY, compareMoney, moneyFromCents } from '../../../core/values/money';
import type { LineInput } from './company-inputs';
import { SimLine } from './sim-records';
import { SimStatusError, notFound } from './sim-status-error';

/** What an InvoiceLineAdd or InvoiceLineMod says of a line; a field it leaves out is undefined. */
export interface LineFields {
  readonly itemName?: string;
  readonly desc?: string;
  readonly quantity?: string;
  readonly rate?: string;
  readonly amount?: Money;
}

/** An InvoiceLineMod: an existing line's TxnLineID, or "-1" for a new line, and what changes. */
export interface InvoiceLineChange extends LineFields {
  readonly txnLineId: string;
}

// QUANTYPE and PRICETYPE: up to 10 integer digits and 5 decimals (qbXML 13.0 types).
const DECIMAL = /^([+-])?(\d{1,10})(?:\.(\d{1,5}))?$/;
const SCALE = 100_000n;

/** A QUANTYPE/PRICETYPE value as an exact integer of hundred-thousandths: no floats near money. */
function scaled(value: string, field: string): bigint {
  const m = DECIMAL.exec(value.trim());
  if (!m) throw new SimStatusError(3020, `There was an error when converting the number "${value}" in the field "${field}".`);
  const [, sign, whole, fraction = ''] = m;
  const n = BigInt(whole) * SCALE + BigInt(fraction.padEnd(5, '0'));
  return sign === '-' ? -n : n;
}

/**
 * Quantity × rate in cents, exactly, rounded half away from zero. A missing quantity counts
 * as 1, as QuickBooks' invoice form fills it. UNVERIFIED: the reference does not say how
 * QuickBooks rounds an extended line amount; half away from zero is the usual accounting rule.
 */
export function extendedAmount(quantity: string | undefined, rate: string): Money {
  const product = (quantity === undefined ? SCALE : scaled(quantity, 'Quantity')) * scaled(rate, 'Rate');
  // product has 10 decimals; cents keep 2.
  const divisor = 10n ** 8n;
  const abs = product < 0n ? -product : product;
  const cents = abs / divisor + ((abs % divisor) * 2n >= divisor ? 1n : 0n);
  return moneyFromCents(product < 0n ? -cents : cents);
}

/**
 * A line as QuickBooks would store it: Amount as given or quantity × rate, and a given Amount
 * that disagrees with quantity × rate refused (3210; UNVERIFIED, QuickBooks may instead
 * recalculate the rate). A line with an amount or a rate must name an item (3210; UNVERIFIED:
 * QuickBooks requires an item on a priced line). A line with neither is a description line
 * worth 0.00 (UNVERIFIED: without item prices there is nothing else to fill it with).
 */
export function pricedLine(fields: LineFields): LineInput {
  if ((fields.amount !== undefined || fields.rate !== undefined) && !fields.itemName) {
    throw new SimStatusError(3210, 'An invoice line with an amount or a rate must name an item (ItemRef).');
  }
  if (fields.rate === undefined) return { ...fields, amount: fields.amount ?? ZERO_MONEY };
  const computed = extendedAmount(fields.quantity, fields.rate);
  if (fields.amount !== undefined && compareMoney(fields.amount, computed) !== 0) {
    throw new SimStatusError(3210, `The "Amount" field has an invalid value "${fields.amount}": the quantity times the rate is ${computed}.`);
  }
  return { ...fields, amount: computed };
}

/**
 * An existing line changed by an InvoiceLineMod: what the Mod leaves out stays as it was
 * (Intuit's documentation). A new Quantity or Rate reprices the line; a new Amount alone
 * drops an old Rate it no longer matches (UNVERIFIED: QuickBooks recalculates the rate).
 */
export function modifiedLine(old: SimLine, mod: LineFields): LineInput {
  const merged = { itemName: mod.itemName ?? old.itemName, desc: mod.desc ?? old.desc, quantity: mod.quantity ?? old.quantity, rate: mod.rate ?? old.rate };
  // Nothing that prices the line changed: it keeps its amount, even one set without a rate.
  if (mod.quantity === undefined && mod.rate === undefined && mod.amount === undefined) return { ...merged, amount: old.amount };
  if (mod.amount === undefined) return pricedLine(merged);
  const rate =
    mod.rate === undefined && merged.rate !== undefined && compareMoney(extendedAmount(merged.quantity, merged.rate), mod.amount) !== 0
      ? undefined
      : merged.rate;
  return pricedLine({ ...merged, rate, amount: mod.amount });
}

/**
 * InvoiceMod's lines (Intuit's documentation): once any InvoiceLineMod is given, the lines it
 * does not list are deleted, "-1" adds a line, and a listed line keeps what its Mod leaves out.
 * The lines come in the Mod's order. A TxnLineID the invoice does not have is not found (3120)
 * and one listed twice is refused (3210); both codes UNVERIFIED.
 */
export function changedLines(old: readonly SimLine[], changes: readonly InvoiceLineChange[], newLineId: () => string): SimLine[] {
  const listed = changes.map((l) => l.txnLineId).filter((id) => id !== '-1');
  if (new Set(listed).size !== listed.length)
    throw new SimStatusError(3210, 'The "TxnLineID" field has an invalid value: a line may be changed only once in an InvoiceMod.');
  const byId = new Map(old.map((l) => [l.txnLineId, l]));
  return changes.map(({ txnLineId, ...mod }) => {
    if (txnLineId === '-1') return { txnLineId: newLineId(), ...pricedLine(mod) };
    const line = byId.get(txnLineId);
    if (!line) throw notFound(txnLineId);
    return { txnLineId, ...modifiedLine(line, mod) };
  });
}
