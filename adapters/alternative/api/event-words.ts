import type { RecordLabel } from '../store/record-labels';

/** A sync-log line as stored, with the names of the systems it went between. */
export interface LoggedLine {
  readonly item: string;
  readonly operation: string;
  readonly outcome: string;
  readonly effect: string | null;
  readonly message: string | null;
  /** The accounting system's name when the line came from it, else undefined. */
  readonly fromName?: string;
  /** The accounting system's name when the line went to it, else undefined. */
  readonly toName?: string;
  readonly sourceId: string;
}

const NOUNS: Readonly<Record<string, [string, string]>> = {
  invoice: ['invoice', 'invoices'],
  customer: ['customer', 'customers'],
  payment: ['payment', 'payments'],
  deposit: ['payout', 'payouts'],
  account: ['account', 'accounts'],
};
const noun = (item: string, n = 1) => (NOUNS[item] ?? [item, `${item}s`])[n === 1 ? 0 : 1];
const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** The record in words: "Invoice 1011 for Café Ñandú & Sons", "Payment of 125.00 from … for invoice 1011". */
export function recordWords(item: string, label: RecordLabel | undefined, sourceId: string): string {
  if (!label) return sourceId ? `${capital(noun(item))} ${sourceId}` : `A ${noun(item)}`;
  const whose = label.customer ? ` for ${label.customer}` : '';
  if (item === 'invoice') return `Invoice ${label.name}${whose}`;
  if (item === 'payment') return `Payment of ${label.amount} ${label.customer ? `from ${label.customer} ` : ''}for invoice ${label.name}`;
  if (item === 'deposit') return `Payout of ${label.amount} on ${label.date}`;
  return `${capital(noun(item))} ${label.name}`;
}

/** What happened to a record in the source system, as the line for its removal says. */
function removedIn(line: LoggedLine): string {
  const where = line.fromName ?? 'the other system';
  if (line.operation === 'delete') return `deleted in ${where}`;
  return line.item === 'customer' ? `made inactive in ${where}` : `voided or closed in ${where}`;
}

/** What a finished write to the accounting system did, by item. */
function written(line: LoggedLine): string {
  const to = line.toName ?? 'the other system';
  if (line.operation === 'add') return line.item === 'deposit' ? `deposited in ${to}` : line.item === 'payment' ? `recorded in ${to}` : `added to ${to}`;
  if (line.operation === 'edit') return `changes saved in ${to}`;
  if (line.operation === 'delete') return `reverted in ${to} — the payment failed on the platform`;
  if (line.operation === 'return') return `returned in ${to} — the payment failed after its payout, so a journal entry puts the amount back on the invoice`;
  return `${line.operation} done in ${to}`;
}

/** One sentence for one line of the log, naming the record and, where it matters, why. */
export function lineText(line: LoggedLine, record: string): string {
  const why = line.message ? ` ${line.message}` : '';
  const from = line.fromName;
  switch (line.outcome) {
    case 'applied':
      if (line.operation === 'upsert')
        return from ? `${record} ${line.effect === 'created' ? 'added from' : 'updated from'} ${from}.` : `${record} sent to ${line.toName}.`;
      if (line.operation === 'archive' || line.operation === 'delete')
        return from ? `${record} archived — ${removedIn(line)}.` : `${record} ${written(line)}.${why}`;
      if (line.operation === 'status') return `${record}: status updated from ${from ?? line.toName}.`;
      return `${record} ${written(line)}.${why}`;
    case 'deferred':
      return `${record} will go to ${line.toName ?? 'the other system'} at its next sync.`;
    case 'skipped':
      return `${record} skipped.${why}`;
    case 'denied':
      return `${record} stays where it is: your sync rules do not send it ${line.toName ? `to ${line.toName}` : 'here'}.`;
    default:
      return from && !line.toName
        ? `${record} could not be read from ${from}.${why}`
        : `${record} was not ${line.operation === 'delete' ? 'reverted' : 'recorded'} in ${line.toName ?? 'the other system'}.${why}`;
  }
}

/** The verb a session summary counts a kind of line under: "12 invoices updated, 3 archived". */
function summaryVerb(item: string, operation: string, outcome: string, effect: string | undefined): string {
  if (outcome === 'failed') return 'needing attention';
  if (outcome === 'skipped') return 'skipped';
  if (outcome === 'denied') return 'kept where they are by your rules';
  if (operation === 'upsert') return effect === 'created' ? 'added' : 'updated';
  if (operation === 'archive') return 'archived';
  if (operation === 'delete') return item === 'payment' ? 'reverted' : 'archived';
  if (operation === 'add') return item === 'deposit' ? 'deposited' : item === 'payment' ? 'recorded' : 'sent';
  if (operation === 'return') return 'returned after their payout';
  return 'updated';
}

const ITEM_ORDER = ['invoice', 'customer', 'payment', 'deposit'];
/** The order a record's counts are told in: what came, what changed, what went, then what needs the partner. */
const VERB_ORDER = [
  'added',
  'updated',
  'archived',
  'recorded',
  'deposited',
  'sent',
  'reverted',
  'returned after their payout',
  'skipped',
  'kept where they are by your rules',
  'needing attention',
];
const rank = (order: readonly string[], value: string) => order.indexOf(value) + 1 || order.length + 1;

/**
 * A session in one line from its counts (keys `item:operation:outcome[:effect]`):
 * "12 invoices updated, 3 archived, 1 payment recorded"; "nothing new" when it found nothing.
 */
export function summaryText(counts: Readonly<Record<string, number>>): string {
  const byItem = new Map<string, Map<string, number>>();
  for (const [key, n] of Object.entries(counts)) {
    const [item, operation, outcome, effect] = key.split(':');
    const verbs = byItem.get(item) ?? new Map<string, number>();
    const verb = summaryVerb(item, operation, outcome, effect);
    verbs.set(verb, (verbs.get(verb) ?? 0) + n);
    byItem.set(item, verbs);
  }
  const items = [...byItem.keys()].sort((a, b) => rank(ITEM_ORDER, a) - rank(ITEM_ORDER, b));
  const parts = items.flatMap((item) =>
    [...byItem.get(item)!.entries()]
      .sort(([a], [b]) => rank(VERB_ORDER, a) - rank(VERB_ORDER, b))
      .map(([verb, n], i) => (i === 0 ? `${n} ${noun(item, n)} ${verb}` : `${n} ${verb}`)),
  );
  return parts.length ? parts.join(', ') : 'nothing new';
}
