import { AppError } from '../../../../core/errors/app-error';
import { Instant, instantProblem } from '../../../../core/values/instant';

/**
 * An Instant as QuickBooks' DATETIMETYPE: `YYYY-MM-DDThh:mm:ss±hh:mm`. The schema allows no
 * `Z` and no fractional seconds, so `Z` becomes `+00:00` and fractions are dropped (rounding
 * down keeps an inclusive From-date inclusive).
 */
export function qbDateTime(instant: Instant): string {
  if (instantProblem(instant)) throw new AppError('invalid', `"${instant}" is not a timestamp with a zone.`);
  const match = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.\d+)?(Z|[+-]\d{2}:\d{2})$/.exec(instant)!;
  return `${match[1]}${match[2] === 'Z' ? '+00:00' : match[2]}`;
}
