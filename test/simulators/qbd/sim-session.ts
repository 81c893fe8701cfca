import { randomUUID } from 'node:crypto';

/** A paged query QuickBooks remembers between Start and Continue. */
export interface OpenIterator {
  readonly rqName: string;
  readonly ids: readonly string[];
  position: number;
}

/**
 * One QuickBooks session (one Web Connector update, authenticate to closeConnection).
 * Iterators live only here: a Continue from another session gets 3391 (../shared/reference/qbwc-qbxml.md §4.3).
 */
export class SimSession {
  readonly id = randomUUID();
  private readonly iterators = new Map<string, OpenIterator>();

  startIterator(rqName: string, ids: readonly string[]): string {
    const iteratorId = `{${randomUUID()}}`;
    this.iterators.set(iteratorId, { rqName, ids, position: 0 });
    return iteratorId;
  }

  iterator(iteratorId: string, rqName: string): OpenIterator | undefined {
    const it = this.iterators.get(iteratorId);
    return it && it.rqName === rqName ? it : undefined;
  }

  stopIterator(iteratorId: string): void {
    this.iterators.delete(iteratorId);
  }
}
