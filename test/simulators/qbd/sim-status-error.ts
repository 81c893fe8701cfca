/** A business-rule refusal, answered as a status-only Rs with this code and message. */
export class SimStatusError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
  ) {
    super(message);
    this.name = 'SimStatusError';
  }
}

export const notFound = (id: string) =>
  new SimStatusError(
    3120,
    `Object "${id}" specified in the request cannot be found. QuickBooks error message: Invalid argument. The specified record does not exist in the list.`,
  );

export const badReference = (what: string, name: string, inTxn: string) =>
  new SimStatusError(
    3140,
    `There is an invalid reference to QuickBooks ${what} "${name}" in the ${inTxn}. QuickBooks error message: Invalid argument. The specified record does not exist in the list.`,
  );
