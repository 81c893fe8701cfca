// The partner API as the page calls it: the key typed in at sign-in, errors in the partner's words.

/** The signed-in partner's API key (kept in the tab's sessionStorage by the page). */
export const session = { key: null };

export class ApiError extends Error {
  constructor(status, error) {
    super(error?.message ?? `The service answered ${status}.`);
    this.status = status;
    this.requestId = error?.requestId;
    this.problems = error?.problems ?? [];
  }
}

export async function api(method, path, body) {
  const res = await fetch(path, {
    method,
    headers: { authorization: `Bearer ${session.key}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  const data = text ? JSON.parse(text) : null;
  if (!res.ok) throw new ApiError(res.status, data?.error);
  return data;
}

/** What the API calls each field, in the words of the form that sends it. */
const FIELD_NAMES = {
  companyName: 'Company name',
  companyFilePath: 'Company file path',
  paymentAccountId: 'Payment account',
  depositAccountId: 'Deposit account',
  syncIntervalMinutes: 'Sync every (minutes)',
  url: 'Endpoint URL',
};

/**
 * An error in words a partner can act on: each field's problem once, by its label; the request id
 * only when the fault is ours (something to quote to support), not for a form to correct.
 */
export function plainError(error) {
  if (!(error instanceof ApiError)) return 'The service could not be reached. Check your connection and try again.';
  if (error.problems.length > 0) {
    return error.problems.map((p) => `${FIELD_NAMES[p.at] ?? p.at} ${p.message.replace(/\.$/, '')}.`).join(' ');
  }
  const reference = error.status >= 500 && error.requestId ? ` Reference: ${error.requestId}.` : '';
  return `${error.message}${reference}`;
}
