/** Fault types QBO names in `Fault.type` (../shared/reference/qbo-api.md §7.1). */
export type FaultType = 'ValidationFault' | 'SystemFault' | 'AuthenticationFault' | 'AuthorizationFault' | 'SERVICE';

/**
 * A QBO error answer. Thrown anywhere inside request handling and written at the edge in the
 * `{"Fault":{"Error":[{Message, Detail, code, element}],"type"},"time"}` shape, `code` a string.
 */
export class QboFault extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly faultMessage: string,
    readonly detail: string,
    readonly type: FaultType = 'ValidationFault',
    readonly element = '',
  ) {
    super(`${code} ${faultMessage}: ${detail}`);
  }

  body(time: string): unknown {
    return { Fault: { Error: [{ Message: this.faultMessage, Detail: this.detail, code: this.code, element: this.element }], type: this.type }, time };
  }

  static required(field: string): QboFault {
    return new QboFault(
      400,
      '2020',
      'Required param missing, need to supply the required value for the API',
      `Required parameter ${field} is missing in the request`,
      'ValidationFault',
      field,
    );
  }

  static notFound(entity: string, id: string): QboFault {
    return new QboFault(
      400,
      '610',
      'Object Not Found',
      `Object Not Found : Something you're trying to use has been made inactive. Check the fields with accounts, customers, items, vendors or employees. ${entity} Id=${id}`,
    );
  }

  static invalidReference(element: string, id: string): QboFault {
    return new QboFault(
      400,
      '2500',
      'Invalid Reference Id',
      `Invalid Reference Id : ${element} assigned is invalid or inactive: Id=${id}`,
      'ValidationFault',
      element,
    );
  }

  static stale(): QboFault {
    return new QboFault(
      400,
      '5010',
      'Stale Object Error',
      'Stale Object Error : You and Bookkeeper were working on this at the same time. Bookkeeper finished before you did, so your work was not saved.',
    );
  }

  static business(detail: string, code = '6000'): QboFault {
    return new QboFault(400, code, 'A business validation error has occurred while processing your request', `Business Validation Error: ${detail}`);
  }

  static invalidProperty(name: string): QboFault {
    return new QboFault(
      400,
      '2010',
      'Request has invalid or unsupported property',
      `Property Name:${name} specified is unsupported or invalid`,
      'ValidationFault',
      name,
    );
  }

  static unsupportedOperation(operation: string): QboFault {
    return new QboFault(400, '500', 'Unsupported Operation', `Operation ${operation} is not supported.`, 'ValidationFault', 'Operation');
  }

  static deposited(): QboFault {
    return new QboFault(
      400,
      '6540',
      'Deposited Transaction cannot be changed',
      'Deposited Transaction cannot be changed : This transaction has been deposited. Undo the deposit first.',
    );
  }

  static queryParser(detail: string): QboFault {
    return new QboFault(400, '4000', 'Error parsing query', `QueryParserError: ${detail}`);
  }
}

/**
 * The 401 body as seen live: lower-case keys, `time` in epoch milliseconds, many null members
 * (../shared/reference/qbo-api.md §7.1, OBS fixture-401).
 */
export function authenticationFailedBody(detail: string, nowMs: number): unknown {
  return {
    warnings: null,
    intuitObject: null,
    fault: {
      error: [{ message: 'message=AuthenticationFailed; errorCode=003200; statusCode=401', detail, code: '3200', element: null }],
      type: 'AUTHENTICATION',
    },
    report: null,
    queryResponse: null,
    batchItemResponse: [],
    attachableResponse: [],
    syncErrorResponse: null,
    requestId: null,
    time: nowMs,
    status: null,
    cdcresponse: [],
  };
}

export function throttledFault(): QboFault {
  return new QboFault(429, '3001', 'message=ThrottleExceeded; errorCode=003001; statusCode=429', 'The request limit was reached.  Try again later', 'SERVICE');
}

/** The XML form throttle answers have taken despite `Accept: application/json` (OBS ruckus#348). */
export function throttledXml(time: string): string {
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><IntuitResponse xmlns="http://schema.intuit.com/finance/v3" time="${time}">` +
    '<Fault type="SERVICE"><Error code="3001"><Message>message=ThrottleExceeded; errorCode=003001; statusCode=429</Message>' +
    '<Detail>The request limit was reached.  Try again later</Detail></Error></Fault></IntuitResponse>'
  );
}
