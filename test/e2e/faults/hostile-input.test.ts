import Router from '@koa/router';
import { expect } from 'chai';
import fc from 'fast-check';
import type { HttpRoutes } from '../../../core/runtime/http/http-routes';
import { TOKENS } from '../../../core/runtime/tokens';
import { qbwcEnvelope, readSoapAnswer } from '../../simulators/qbwc/soap-envelope';
import { TestClock, connectedCompany } from '../../support/connected-company';
import { PartnerApi } from '../../support/partner-api';
import { TEST_ADMIN_TOKEN } from '../../support/test-service';
import { useTestService } from '../../support/use-test-service';
import { faultTally, reportFaultTallyAtEnd } from './fault-tally';

reportFaultTallyAtEnd();

/** Nothing a stranger may see: a stack frame, a file path, SQL, a host or a port. */
function expectNothingInternal(what: string, body: string): void {
  expect(body, what).not.to.match(/\n\s+at |\.[jt]s:\d|\/work\/|\/home\/|node_modules|\b(select|insert into|update \w+ set|delete from)\b/i);
  expect(body, what).not.to.match(/127\.0\.0\.1|localhost|ECONNREFUSED|:\d{4,5}\b|root:x:0:0|lolololol/);
}

const TABLES = ['partner', 'connection', 'qbwc_install', 'qbwc_session', 'alt_customer', 'alt_invoice', 'alt_payment', 'alt_payout', 'outbox', 'sync_event'];

describe('Fault suite: hostile input on every public endpoint', function () {
  this.timeout(120_000);
  const clock = new TestClock(new Date('2026-11-25T15:00:00Z').getTime());
  const service = useTestService({ LOG_LEVEL: 'warn' }, clock.read);

  async function rowCounts(): Promise<Record<string, number>> {
    const db = service.current.service.database.orm.em.fork().getConnection();
    const counts: Record<string, number> = {};
    for (const table of TABLES) counts[table] = (await db.execute(`select count(*)::int as n from ${table}`))[0].n as number;
    return counts;
  }

  /** Sends one hostile request; it must be refused in words, leave every table as it was, and the service must still answer. */
  async function expectRefused(what: string, send: () => Promise<Response>, check: (res: Response, body: string) => void): Promise<void> {
    const before = await rowCounts();
    const res = await send();
    const body = await res.text();
    check(res, body);
    expect(await rowCounts(), `${what}: nothing stored`).to.deep.equal(before);
    expect((await fetch(`${service.current.url}/health`)).status, `${what}: still up`).to.equal(200);
    faultTally.cases += 1;
    faultTally.faultsSurvived += 1;
  }

  const jsonError = (what: string, statuses: number[]) => (res: Response, body: string) => {
    expect(res.status, `${what}: ${body}`).to.be.oneOf(statuses);
    const error = JSON.parse(body).error;
    expect(error.kind, what).to.be.a('string');
    expect(error.message, what).to.be.a('string').and.not.equal('');
    expect(error.requestId, what).to.be.a('string');
  };

  it('every JSON route that takes a body refuses malformed JSON, wrong types, invalid UTF-8, a wrong content type and an oversize body', async () => {
    const { api, connection } = await connectedCompany(service.current, clock, { seed: 3, customers: 5, invoices: 8, years: 1 });
    const document = (await (await fetch(`${service.current.url}/api/openapi.json`)).json()) as { paths: unknown };
    const withBody = Object.entries(document.paths as Record<string, Record<string, { requestBody?: unknown; security: object[] }>>).flatMap(([path, ops]) =>
      Object.entries(ops)
        .filter(([, op]) => op.requestBody)
        .map(([method, op]) => ({ method: method.toUpperCase(), path, admin: JSON.stringify(op.security).includes('adminToken') })),
    );
    expect(withBody.length).to.be.at.least(6);
    const wrongTypes = JSON.stringify({
      name: {},
      id: 7,
      companyName: 7,
      companyFilePath: ['x'],
      invoiceId: [],
      amount: 1.5,
      date: 20261125,
      paymentIds: 'all',
      paymentAccountId: 3,
      depositAccountId: true,
      syncIntervalMinutes: '5',
    });
    const bodies: [string, string | Buffer, string][] = [
      ['malformed JSON', '{"oops": ', 'application/json'],
      ['wrong types', wrongTypes, 'application/json'],
      ['invalid UTF-8', Buffer.from([0x7b, 0x22, 0x6e, 0x61, 0x6d, 0x65, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0x22, 0x7d]), 'application/json'],
      ['a wrong content type', 'name=x', 'application/x-www-form-urlencoded'],
      ['an oversize body', `{"name": "${'x'.repeat(1_100_000)}"}`, 'application/json'],
    ];
    for (const route of withBody) {
      const path = route.path.replace('{id}', connection.id);
      for (const [what, body, type] of bodies) {
        await expectRefused(
          `${route.method} ${route.path} with ${what}`,
          () =>
            fetch(`${service.current.url}${path}`, {
              method: route.method,
              headers: { authorization: `Bearer ${route.admin ? TEST_ADMIN_TOKEN : api.apiKey}`, 'content-type': type },
              body,
            }),
          jsonError(`${route.method} ${route.path} with ${what}`, [400, 413, 422]),
        );
      }
    }
  });

  it('the SOAP endpoint answers every hostile or wrong call at once with a SOAP 1.1 fault in words, reads no file and shows nothing of its insides', async () => {
    const post =
      (body: string | Buffer, headers: Record<string, string> = {}) =>
      () =>
        fetch(`${service.current.url}/qbwc`, {
          method: 'POST',
          headers: { 'content-type': 'text/xml; charset=utf-8', SOAPAction: '"http://developer.intuit.com/authenticate"', ...headers },
          body,
        });
    const fault = (code: string, message: RegExp) => (what: string) => (res: Response, body: string) => {
      expect(res.status, `${what}: ${body.slice(0, 300)}`).to.equal(500);
      expect(res.headers.get('content-type'), what).to.equal('text/xml; charset=utf-8');
      expect(Number(res.headers.get('content-length')), what).to.equal(Buffer.byteLength(body));
      expect(body.startsWith('<?xml version="1.0" encoding="utf-8"?>'), what).to.equal(true);
      expect(body, what).to.include(`<faultcode>soap:${code}</faultcode>`).and.not.include('mustUnderstand');
      expect(readSoapAnswer(body, 'any').fault, what).to.match(message);
      expectNothingInternal(what, body);
    };
    const auth = qbwcEnvelope('authenticate', [
      ['strUserName', '&xxe;'],
      ['strPassword', 'x'],
    ]);
    const withDoctype = (doctype: string) => auth.replace('<?xml version="1.0" encoding="utf-8"?>', `<?xml version="1.0" encoding="utf-8"?>${doctype}`);
    const laughs =
      '<!DOCTYPE lolz [<!ENTITY lol "lolololol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY xxe "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>';
    const soap12 =
      '<?xml version="1.0"?><e:Envelope xmlns:e="http://www.w3.org/2003/05/soap-envelope"><e:Body><authenticate xmlns="http://developer.intuit.com/"/></e:Body></e:Envelope>';
    const cases: [string, () => Promise<Response>, (what: string) => (res: Response, body: string) => void][] = [
      [
        'malformed SOAP',
        post('<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body><authenticate'),
        fault('Client', /ends early|not well-formed/),
      ],
      ['XXE', post(withDoctype('<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>')), fault('Client', /DOCTYPE/)],
      ['entity expansion', post(withDoctype(laughs)), fault('Client', /DOCTYPE/)],
      [
        'invalid UTF-8',
        post(Buffer.concat([Buffer.from(auth.slice(0, 200)), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from(auth.slice(200))])),
        fault('Client', /UTF-8/),
      ],
      ['an empty body', post(''), fault('Client', /no SOAP envelope/)],
      ['an unknown method', post(qbwcEnvelope('getSecretStuff', [['ticket', 'x']])), fault('Client', /no operation getSecretStuff.*authenticate/)],
      [
        'a NUL in the user name',
        post(
          qbwcEnvelope('authenticate', [
            ['strUserName', 'a&#0;b'],
            ['strPassword', 'x'],
          ]).replace('a&amp;#0;b', 'a&#0;b'),
        ),
        fault('Client', /not allow|well-formed/),
      ],
      ['a SOAP 1.2 envelope', post(soap12, { 'content-type': 'application/soap+xml; charset=utf-8' }), fault('VersionMismatch', /SOAP 1\.1/)],
      [
        'a header that must be understood',
        post(auth.replace('<soap:Body>', '<soap:Header><w:Security xmlns:w="urn:w" soap:mustUnderstand="1"/></soap:Header><soap:Body>')),
        fault('MustUnderstand', /must be understood/),
      ],
      [
        'a 30 MB attribute',
        post(`<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" a="${'x'.repeat(30 * 1024 * 1024)}"/>`),
        fault('Client', /attribute|well-formed/),
      ],
      [
        '1.5 million attributes',
        post(`<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" ${Array.from({ length: 1_500_000 }, (_, i) => `a${i}=""`).join(' ')}/>`),
        fault('Client', /attributes/),
      ],
      [
        '3.9 million elements',
        post(`<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Header>${'<a/>'.repeat(3_900_000)}</soap:Header></soap:Envelope>`),
        fault('Client', /elements/),
      ],
      [
        '400,000 levels of nesting',
        post(`<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Header>${'<a>'.repeat(400_000)}`),
        fault('Client', /nests deeper/),
      ],
    ];
    for (const [what, send, check] of cases) await expectRefused(what, send, check(what));
  });

  it('answers every mangled call of every method with a SOAP envelope (a result or a fault), never anything internal (property, bounded)', async () => {
    const calls = [
      qbwcEnvelope('authenticate', [
        ['strUserName', 'alt-x'],
        ['strPassword', 'pw'],
      ]),
      qbwcEnvelope('sendRequestXML', [
        ['ticket', 't'],
        ['strHCPResponse', ''],
        ['strCompanyFileName', 'C:\\A.QBW'],
        ['qbXMLCountry', 'US'],
        ['qbXMLMajorVers', 13],
        ['qbXMLMinorVers', 0],
      ]),
      qbwcEnvelope('receiveResponseXML', [
        ['ticket', 't'],
        ['response', '<?xml version="1.0" ?><QBXML><QBXMLMsgsRs/></QBXML>'],
        ['hresult', ''],
        ['message', ''],
      ]),
      qbwcEnvelope('closeConnection', [['ticket', 't']]),
    ].map((c) => Buffer.from(c));
    await fc.assert(
      fc.asyncProperty(
        fc.nat(calls.length - 1),
        fc.array(fc.tuple(fc.nat(4000), fc.integer({ min: 0, max: 255 })), { maxLength: 4 }),
        fc.nat(4000),
        async (which, edits, cut) => {
          const bytes = Buffer.from(calls[which].subarray(0, Math.max(1, cut % (calls[which].length + 1))));
          for (const [at, value] of edits) bytes[at % bytes.length] = value;
          const res = await fetch(`${service.current.url}/qbwc`, { method: 'POST', headers: { 'content-type': 'text/xml; charset=utf-8' }, body: bytes });
          const body = await res.text();
          expect(res.status).to.be.oneOf([200, 500]);
          expect(res.headers.get('content-type')).to.equal('text/xml; charset=utf-8');
          expect(body).to.match(/^<\?xml version="1\.0" encoding="utf-8"\?><soap:Envelope /);
          if (res.status === 500) expectNothingInternal('a mangled call', body);
        },
      ),
      { numRuns: 80 },
    );
    expect((await fetch(`${service.current.url}/health`)).status).to.equal(200);
  });

  it('routes by the body, not SOAPAction, and answers the interactive-mode methods plainly', async () => {
    const call = async (method: string, params: [string, string][], soapAction: string) => {
      const res = await fetch(`${service.current.url}/qbwc`, {
        method: 'POST',
        headers: { 'content-type': 'text/xml; charset=utf-8', SOAPAction: soapAction },
        body: qbwcEnvelope(method, params),
      });
      expect(res.status, method).to.equal(200);
      expect(res.headers.get('content-type')).to.equal('text/xml; charset=utf-8');
      return readSoapAnswer(await res.text(), method).result;
    };
    expect(await call('closeConnection', [['ticket', 'nothing']], '"http://developer.intuit.com/authenticate"')).to.equal('OK');
    // The answer says its own charset, whatever the request declared.
    const latin = await fetch(`${service.current.url}/qbwc`, {
      method: 'POST',
      headers: { 'content-type': 'text/xml; charset=ISO-8859-1' },
      body: qbwcEnvelope('serverVersion', []),
    });
    expect(latin.headers.get('content-type')).to.equal('text/xml; charset=utf-8');
    expect((await latin.text()).startsWith('<?xml version="1.0" encoding="utf-8"?>')).to.equal(true);
    expect(await call('serverVersion', [], 'nonsense')).to.match(/QuickBooks sync/);
    expect(
      await call(
        'getInteractiveURL',
        [
          ['wcTicket', 'x'],
          ['sessionID', 'y'],
        ],
        '',
      ),
    ).to.equal('');
    expect(await call('interactiveDone', [['wcTicket', 'x']], '')).to.equal('Done');
    expect(
      await call(
        'interactiveRejected',
        [
          ['wcTicket', 'x'],
          ['reason', 'no'],
        ],
        '',
      ),
    ).to.match(/interactive mode/);
  });

  it('qbXML with a DOCTYPE, unexpected elements or cut short is refused for the session, and nothing of it is stored', async () => {
    const answers: [string, string][] = [
      [
        'a DOCTYPE with entities',
        '<?xml version="1.0"?><!DOCTYPE QBXML [<!ENTITY x SYSTEM "file:///etc/passwd">]><QBXML><QBXMLMsgsRs><InvoiceQueryRs requestID="1" statusCode="0"><InvoiceRet>&x;</InvoiceRet></InvoiceQueryRs></QBXMLMsgsRs></QBXML>',
      ],
      ['an unexpected root', '<?xml version="1.0"?><NotQBXML><Hello/></NotQBXML>'],
      ['cut short', '<?xml version="1.0"?><QBXML><QBXMLMsgsRs><InvoiceQueryRs requestID="1" statusCode="0"><InvoiceRet><TxnID>1-1</TxnID>'],
    ];
    for (const [what, response] of answers) {
      const { connection } = await connectedCompany(service.current, clock, { seed: 4, customers: 3, invoices: 3, years: 1 });
      // A real session up to its first request, then the hostile answer in place of QuickBooks'.
      const ticketAnswer = await fetch(`${service.current.url}/qbwc`, {
        method: 'POST',
        headers: { 'content-type': 'text/xml; charset=utf-8' },
        body: qbwcEnvelope('authenticate', [
          ['strUserName', connection.install.username],
          ['strPassword', connection.install.password],
        ]),
      });
      const ticket = (readSoapAnswer(await ticketAnswer.text(), 'authenticate').result as string[])[0];
      await fetch(`${service.current.url}/qbwc`, {
        method: 'POST',
        headers: { 'content-type': 'text/xml; charset=utf-8' },
        body: qbwcEnvelope('sendRequestXML', [
          ['ticket', ticket],
          ['strHCPResponse', ''],
          ['strCompanyFileName', 'C:\\Acme.QBW'],
          ['qbXMLCountry', 'US'],
          ['qbXMLMajorVers', 13],
          ['qbXMLMinorVers', 0],
        ]),
      });
      await expectRefused(
        `qbXML ${what}`,
        () =>
          fetch(`${service.current.url}/qbwc`, {
            method: 'POST',
            headers: { 'content-type': 'text/xml; charset=utf-8' },
            body: qbwcEnvelope('receiveResponseXML', [
              ['ticket', ticket],
              ['response', response],
              ['hresult', ''],
              ['message', ''],
            ]),
          }),
        (res, body) => {
          expect(res.status, body.slice(0, 300)).to.equal(200);
          expect(readSoapAnswer(body, 'receiveResponseXML').result).to.equal('-1');
          expect(body).not.to.match(/root:x:0:0/);
        },
      );
      const lastError = readSoapAnswer(
        await (
          await fetch(`${service.current.url}/qbwc`, {
            method: 'POST',
            headers: { 'content-type': 'text/xml; charset=utf-8' },
            body: qbwcEnvelope('getLastError', [['ticket', ticket]]),
          })
        ).text(),
        'getLastError',
      ).result;
      expect(lastError, what).to.be.a('string').and.not.equal('');
    }
  });

  it('the other public routes refuse junk: unknown QWC tokens, bogus tickets, bogus API keys', async () => {
    const contributions = service.current.service.container.getAll<HttpRoutes>(TOKENS.HttpRoutes);
    const router = new Router();
    for (const c of contributions) c.register(router as never);
    const publicPaths = router.stack.map((l) => String(l.path)).filter((p) => !p.startsWith('/api'));
    expect(publicPaths).to.include.members(['/health', '/metrics', '/qwc/:token', '/qbwc', '/support', '/dashboard']);
    await expectRefused('an unknown QWC token', () => fetch(`${service.current.url}/qwc/${'ab'.repeat(24)}`), jsonError('qwc', [404]));
    await expectRefused('a path-traversal QWC token', () => fetch(`${service.current.url}/qwc/..%2f..%2fetc%2fpasswd`), jsonError('qwc', [404]));
    await expectRefused(
      'a bogus API key',
      () =>
        new PartnerApi(service.current.url, 'altk_not-a-key')
          .call('GET', '/api/connections')
          .then((r) => new Response(JSON.stringify(r.body), { status: r.status })),
      jsonError('key', [401]),
    );
    await expectRefused(
      'a dashboard asset that does not exist',
      () => fetch(`${service.current.url}/dashboard/assets/../../package.json`),
      (res) => expect(res.status).to.be.oneOf([404]),
    );
  });
});
