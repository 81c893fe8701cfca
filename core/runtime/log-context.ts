import { AsyncLocalStorage } from 'node:async_hooks';
import type { LogFields } from './logger';

const storage = new AsyncLocalStorage<Record<string, unknown>>();

/**
 * Runs `work` with fields every log line written inside it carries (a request id), however
 * deep the call: no logger has to be handed down.
 */
export function runWithLogContext<T>(fields: LogFields, work: () => T): T {
  return storage.run({ ...fields }, work);
}

/** Adds fields to the current context once they are known (the connection a ticket belongs to). */
export function addLogContext(fields: LogFields): void {
  const current = storage.getStore();
  if (current) Object.assign(current, fields);
}

export function currentLogContext(): LogFields {
  return storage.getStore() ?? {};
}
