import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { AppError } from '../../../core/errors/app-error';
import { companyFromSnapshot, snapshotOf } from './company-snapshot';
import { QuickBooksCompany } from './quickbooks-company';
import { readCompanySnapshot } from './read-company-snapshot';

/**
 * Reads a simulated company saved by saveCompanyState, or undefined when there is no such file.
 * A file that cannot be read as one (not JSON, cut short, another version) is an AppError that
 * says so in one sentence.
 */
export function loadCompanyState(file: string): QuickBooksCompany | undefined {
  if (!existsSync(file)) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new AppError(
      'invalid',
      `${file} is not a simulated QuickBooks company file (it is not whole JSON: ${(error as Error).message}). Start a new company with --fresh, or name another file with --state.`,
      { cause: error },
    );
  }
  return companyFromSnapshot(readCompanySnapshot(parsed, file));
}

/**
 * Saves a company so the next run carries on with it. Written beside the file and renamed over
 * it, after an fsync: a run killed while saving leaves the old file or the new one, never half.
 */
export function saveCompanyState(file: string, company: QuickBooksCompany): void {
  mkdirSync(dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    const fd = openSync(temporary, 'w', 0o600);
    try {
      writeSync(fd, `${JSON.stringify(snapshotOf(company))}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, file);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
}
