import type { QueryStepDescriptor, PagedRecord } from './query-step';

/**
 * The parts of a query step whose bookmark is just the latest TimeModified it has stored: the
 * first read pages through every record and goes alone; later reads are a page at most and may
 * share a message set; the bookmark moves once an iteration ends, and only when it read
 * something (the iteration's own latest starts empty, so one that reads nothing writes nothing).
 */
export const MODIFIED_SINCE = {
  bookmark: {
    decode: (raw: string | undefined) => raw,
    encode: (latest: string | undefined) => latest!,
    latestOf: () => undefined,
  },
  shares: (latest: string | undefined) => latest !== undefined,
  finish: (_bookmark: string | undefined, seen: { readonly latest?: string }) => ({ next: seen.latest, done: true }),
} satisfies Pick<QueryStepDescriptor<PagedRecord, string | undefined>, 'bookmark' | 'shares' | 'finish'>;
