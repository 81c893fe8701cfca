import { AppError } from '../../../../core/errors/app-error';
import { Instant, instantProblem } from '../../../../core/values/instant';
import { LocalDate, localDateProblem } from '../../../../core/values/instant';
import { Money, parseMoney } from '../../../../core/values/money';
import { XmlNode, childOf, textOf } from './xml-node';

/** A reference to a list object (`CustomerRef`, `AccountRef`...). */
export interface QbRef {
  readonly listId?: string;
  readonly fullName?: string;
}

function bad(node: XmlNode, name: string, expected: string): AppError {
  return new AppError('malformed', `QuickBooks sent a ${node.name}/${name} that is not ${expected}.`);
}

// AMTTYPE: optional sign, up to 13 digits, no decimals or exactly two.
const AMOUNT = /^[+-]?\d{1,13}(\.\d{2})?$/;

/** Exact amounts: QuickBooks' AMTTYPE text to Money, never through a float. */
export function moneyAt(node: XmlNode, name: string): Money | undefined {
  const text = textOf(node, name);
  if (text === undefined) return undefined;
  if (!AMOUNT.test(text)) throw bad(node, name, 'an amount');
  return parseMoney(text.replace(/^\+/, ''));
}

export function requiredMoneyAt(node: XmlNode, name: string): Money {
  const value = moneyAt(node, name);
  if (value === undefined) throw bad(node, name, 'present');
  return value;
}

// QUANTYPE / PRICETYPE / PERCENTTYPE: up to 5 decimals; kept as exact decimal strings.
const DECIMAL = /^[+-]?\d{1,10}(\.\d{1,5})?$/;

export function decimalAt(node: XmlNode, name: string): string | undefined {
  const text = textOf(node, name);
  if (text === undefined) return undefined;
  if (!DECIMAL.test(text)) throw bad(node, name, 'a decimal number');
  return text.replace(/^\+/, '');
}

/** QuickBooks timestamps carry the machine's local offset and no `Z`; the text is kept as given. */
export function instantAt(node: XmlNode, name: string): Instant | undefined {
  const text = textOf(node, name);
  if (text === undefined) return undefined;
  if (instantProblem(text)) throw bad(node, name, 'a timestamp with an offset');
  return text as Instant;
}

export function requiredInstantAt(node: XmlNode, name: string): Instant {
  const value = instantAt(node, name);
  if (value === undefined) throw bad(node, name, 'present');
  return value;
}

export function dateAt(node: XmlNode, name: string): LocalDate | undefined {
  const text = textOf(node, name);
  if (text === undefined) return undefined;
  if (localDateProblem(text)) throw bad(node, name, 'a date');
  return text as LocalDate;
}

/** BOOLTYPE is xsd:boolean: true/false/1/0. */
export function boolAt(node: XmlNode, name: string): boolean | undefined {
  const text = textOf(node, name);
  if (text === undefined) return undefined;
  if (text === 'true' || text === '1') return true;
  if (text === 'false' || text === '0') return false;
  throw bad(node, name, 'true or false');
}

export function intAt(node: XmlNode, name: string): number | undefined {
  const text = textOf(node, name);
  if (text === undefined) return undefined;
  if (!/^[+-]?\d{1,15}$/.test(text)) throw bad(node, name, 'a whole number');
  return Number(text);
}

export function requiredTextAt(node: XmlNode, name: string): string {
  const text = textOf(node, name);
  if (text === undefined) throw bad(node, name, 'present');
  return text;
}

export function refAt(node: XmlNode, name: string): QbRef | undefined {
  const ref = childOf(node, name);
  if (!ref) return undefined;
  return { listId: textOf(ref, 'ListID'), fullName: textOf(ref, 'FullName') };
}

export function requiredRefAt(node: XmlNode, name: string): QbRef {
  const ref = refAt(node, name);
  if (!ref || (!ref.listId && !ref.fullName)) throw bad(node, name, 'present');
  return ref;
}

export function requiredDateAt(node: XmlNode, name: string): LocalDate {
  const value = dateAt(node, name);
  if (value === undefined) throw bad(node, name, 'present');
  return value;
}
