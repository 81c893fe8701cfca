import { expect } from 'chai';
import { AppError } from '../../../../../core/errors/app-error';
import { parseAnswer } from '../../../../../adapters/qbo/client/parse-fault';
import { classifyFault, faultError, faultOf, retryAfterOf } from '../../../../../adapters/qbo/client/qbo-fault';

const faultIn = (status: number, body: string) => {
  const answer = parseAnswer(status, body);
  if (!('fault' in answer)) throw new Error('expected a fault');
  return answer.fault;
};

describe('parseAnswer', () => {
  it('gives the JSON of a success', () => {
    expect(parseAnswer(200, '{"QueryResponse":{},"time":"2024-05-01T10:22:55.766-07:00"}')).to.deep.equal({
      json: { QueryResponse: {}, time: '2024-05-01T10:22:55.766-07:00' },
    });
  });

  it('reads a JSON Fault with its string code', () => {
    const body = JSON.stringify({
      Fault: { Error: [{ Message: 'Stale Object Error', Detail: 'Stale Object Error : You and Bob', code: '5010', element: '' }], type: 'ValidationFault' },
      time: 't',
    });
    expect(faultIn(400, body)).to.deep.equal({
      status: 400,
      code: '5010',
      type: 'ValidationFault',
      message: 'Stale Object Error',
      detail: 'Stale Object Error : You and Bob',
      element: undefined,
    });
  });

  it('reads the lower-case keys of a 401 body', () => {
    const body =
      '{"warnings":null,"fault":{"error":[{"message":"message=AuthenticationFailed; errorCode=003200; statusCode=401","detail":"Token expired: AB0","code":"3200","element":null}],"type":"AUTHENTICATION"},"time":1730024394085}';
    expect(faultIn(401, body)).to.include({ status: 401, code: '3200', type: 'AUTHENTICATION', detail: 'Token expired: AB0' });
  });

  it('reads an XML throttle fault although JSON was asked for', () => {
    const body =
      '<?xml version="1.0"?><IntuitResponse><Fault type="SERVICE"><Error code="3001"><Message>message=ThrottleExceeded; errorCode=003001; statusCode=429</Message><Detail>The request limit was reached.  Try again later</Detail></Error></Fault></IntuitResponse>';
    expect(faultIn(429, body)).to.include({ code: '3001', type: 'SERVICE', detail: 'The request limit was reached.  Try again later' });
  });

  it('takes a Fault in a 200 answer for a fault, not a success', () => {
    const body = JSON.stringify({ Fault: { Error: [{ Message: 'System Failure Error', code: '10000' }], type: 'SystemFault' } });
    expect(faultIn(200, body)).to.include({ status: 200, code: '10000' });
  });

  it('finds a Fault inside a QueryResponse', () => {
    const body = JSON.stringify({ QueryResponse: { Fault: { Error: [{ Message: 'QueryParserError', code: '4000' }], type: 'ValidationFault' } } });
    expect(faultIn(200, body)).to.include({ code: '4000' });
  });

  it('makes a fault of a body that is neither JSON nor an XML fault, with its first words', () => {
    expect(faultIn(502, '<html><body>Bad gateway</body></html>')).to.deep.equal({
      status: 502,
      message: 'HTTP 502',
      detail: '<html><body>Bad gateway</body></html>',
    });
  });
});

describe('classifyFault', () => {
  const table: [number, string | undefined, string, number | undefined][] = [
    [400, '5010', 'conflict', undefined],
    [400, '6240', 'invalid', undefined],
    [400, '6140', 'invalid', undefined],
    [400, '610', 'invalid', undefined],
    [429, '3001', 'transient', 60],
    [403, '3001', 'transient', 60],
    [429, undefined, 'transient', 60],
    [503, undefined, 'transient', undefined],
    [200, '10000', 'transient', undefined],
    [401, '3200', 'unauthorized', undefined],
    [400, '2020', 'invalid', undefined],
    [400, '6000', 'invalid', undefined],
    [404, undefined, 'internal', undefined],
  ];
  for (const [status, code, kind, retryAfterSeconds] of table) {
    it(`classifies HTTP ${status} code ${code ?? '-'} as ${kind}`, () => {
      expect(classifyFault({ status, code })).to.deep.equal(retryAfterSeconds === undefined ? { kind } : { kind, retryAfterSeconds });
    });
  }
});

describe('faultError', () => {
  it("keeps Intuit's words for the partner and the fault for the caller", () => {
    const fault = { status: 400, code: '6540', message: 'Deposited Transaction cannot be changed' };
    const error = faultError(fault, 'the delete of payment 7', '1-abc');
    expect(error).to.be.instanceOf(AppError);
    expect(error.kind).to.equal('invalid');
    expect(error.userMessage).to.equal('QuickBooks Online refused the delete of payment 7: Deposited Transaction cannot be changed.');
    expect(error.detail).to.contain('intuit_tid 1-abc');
    expect(faultOf(error)).to.equal(fault);
  });

  it('says when to come back after a throttle', () => {
    const error = faultError({ status: 429, code: '3001', message: 'ThrottleExceeded' }, 'a read');
    expect(error.kind).to.equal('transient');
    expect(retryAfterOf(error)).to.equal(60);
  });
});
