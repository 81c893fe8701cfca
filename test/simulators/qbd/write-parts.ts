import { Money, parseMoney } from '../../../core/values/money';
import { responseLines } from './answer-writer';
import { QueryContext } from './query-runner';
import { RequestNode, child, text } from './request-node';
import { SimStatusError } from './sim-status-error';

/** Answers one write request: its Rs lines, or a SimStatusError for a refusal. */
export type WriteHandler = (rq: RequestNode, ctx: QueryContext) => string[];

export function refOf(node: RequestNode | undefined): { listId?: string; fullName?: string } | undefined {
  if (!node) return undefined;
  return { listId: text(node, 'ListID'), fullName: text(node, 'FullName') };
}

export function amount(value: string | undefined, field: string): Money {
  try {
    return parseMoney(value);
  } catch {
    throw new SimStatusError(3020, `There was an error when converting the amount "${value ?? ''}" in the field "${field}".`);
  }
}

/** An optional amount: undefined when the element is absent. */
export function optionalAmount(node: RequestNode, field: string): Money | undefined {
  const value = text(node, field);
  return value === undefined ? undefined : amount(value, field);
}

export const ok = (rq: RequestNode, rsName: string, body: string[]) =>
  responseLines(rsName, { requestId: rq.attributes.requestID, code: 0, severity: 'Info', message: 'Status OK' }, body);

/**
 * A string longer than QuickBooks keeps for its field: 3070 (../shared/reference/qbwc-qbxml.md §8.1, PEER). The schema
 * says the same, but the simulator checks requests against it only when told to.
 */
export function limited(value: string | undefined, max: number, field: string): string | undefined {
  if (value !== undefined && value.length > max) throw new SimStatusError(3070, `The string "${value}" in the field "${field}" is too long.`);
  return value;
}

/**
 * Refuses an element the simulator does not model, with 1030 ("not supported by this
 * implementation"). A simulator limit, not QuickBooks behaviour (QuickBooks would take it):
 * better a loud refusal than a change silently dropped that a test then believes happened.
 */
export function refuseUnmodelled(node: RequestNode, names: readonly string[], where: string): void {
  const found = names.find((n) => child(node, n) !== undefined);
  if (found) throw new SimStatusError(1030, `The simulator does not model "${found}" in ${where}; QuickBooks would take it.`);
}
