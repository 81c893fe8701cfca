import { AppError } from '../../../../core/errors/app-error';

/** SOAP 1.1's fault codes that are not simply Client or Server (SOAP 1.1 §4.4.1). */
export type SpecialFaultCode = 'VersionMismatch' | 'MustUnderstand';

/** A refusal of the envelope itself: always the caller's fault, sometimes with a special code. */
export function envelopeRefusal(message: string, code?: SpecialFaultCode): AppError {
  return new AppError('malformed', message, code ? { detail: code } : {});
}
