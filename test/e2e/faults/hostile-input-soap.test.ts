import { expect } from 'chai';
import fc from 'fast-check';
import { qbwcEnvelope, readSoapAnswer } from '../../simulators/qbwc/soap-envelope';
import { reportFaultTallyAtEnd } from './fault-tally';
import { expectNothingInternal, useHostileInputService } from './hostile-input-fixture';

/** Hostile input on the SOAP endpoint: hostile envelopes, mangled calls, routing by the body. */
reportFaultTallyAtEnd();

describe('Fault suite: hostile input on every public endpoint', function () {
  this.timeout(120_000);
  const { service, expectRefused } = useHostileInputService();

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
});
