import { SYSTEM_ID_RULES } from '../changes/system-id';
import { AppError, Problem } from '../errors/app-error';
import { AdapterPortV1, SUPPORTED_PORT_VERSIONS } from './adapter-port';

/**
 * Declares an adapter and checks its shape at load, so a broken adapter fails at start-up.
 * Which items it may name is checked again against the item catalog by the framework registry.
 */
export function defineAdapter<A extends AdapterPortV1>(adapter: A): A {
  const problems: Problem[] = [];
  if (!(SUPPORTED_PORT_VERSIONS as readonly number[]).includes(adapter.portVersion)) {
    problems.push({ at: 'portVersion', message: `must be one of ${SUPPORTED_PORT_VERSIONS.join(', ')}` });
  }
  if (!SYSTEM_ID_RULES.pattern.test(adapter.system ?? '')) problems.push({ at: 'system', message: SYSTEM_ID_RULES.patternHint });
  if (!adapter.displayName?.trim()) problems.push({ at: 'displayName', message: 'is required' });
  if (typeof adapter.apply !== 'function') problems.push({ at: 'apply', message: 'must be a function' });
  if (adapter.recordsInTarget !== undefined && typeof adapter.recordsInTarget !== 'function')
    problems.push({ at: 'recordsInTarget', message: 'must be a function when given' });
  if (problems.length > 0) throw AppError.invalid(`The adapter "${adapter.system}" is not defined correctly.`, problems);
  return adapter;
}
