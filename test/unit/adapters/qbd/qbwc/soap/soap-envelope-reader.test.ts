import { expect } from 'chai';
import fc from 'fast-check';
import { AppError } from '../../../../../../core/errors/app-error';
import { EnvelopeEvent } from '../../../../../../adapters/qbd/qbwc/soap/soap-envelope-reader';
import { readSoapEnvelope } from '../../../../../../adapters/qbd/qbwc/soap/read-soap-envelope';
import { QBWC_PARAMETER_POLICY } from '../../../../../../adapters/qbd/qbwc/soap/qbwc-operations';
import { SOAP_LIMITS } from '../../../../../../adapters/qbd/qbwc/soap/soap-limits';
import { qbwcEnvelope } from '../../../../../simulators/qbwc/soap-envelope';

/** Feeds the bytes in chunks of the given sizes (cycled), as a socket would. */
async function* chunked(bytes: Buffer, sizes: readonly number[]): AsyncIterable<Buffer> {
  for (let at = 0, i = 0; at < bytes.length; i++) {
    const size = Math.max(1, sizes[i % sizes.length]);
    yield bytes.subarray(at, at + size);
    at += size;
  }
}

/** Reads an envelope into what the caller sees: the method, held parameters, and streamed text joined. */
async function read(body: string | Buffer, sizes: readonly number[] = [65536]) {
  const events: EnvelopeEvent[] = [];
  for await (const batch of readSoapEnvelope(chunked(Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8'), sizes), QBWC_PARAMETER_POLICY))
    events.push(...batch);
  const params: Record<string, string> = {};
  for (const e of events) if (e.kind === 'param') params[e.name] = e.value;
  const streamed = events
    .filter((e): e is Extract<EnvelopeEvent, { kind: 'text' }> => e.kind === 'text')
    .map((e) => e.text)
    .join('');
  return { method: events.find((e) => e.kind === 'method')?.name, params, streamed, events };
}

async function refusal(body: string | Buffer): Promise<AppError> {
  try {
    await read(body);
  } catch (error) {
    expect(error).to.be.instanceOf(AppError);
    expect((error as AppError).kind).to.equal('malformed');
    return error as AppError;
  }
  throw new Error('expected a refusal');
}

const SOAP11 = 'http://schemas.xmlsoap.org/soap/envelope/';
const wrap = (body: string, header = '') =>
  `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="${SOAP11}">${header}<soap:Body>${body}</soap:Body></soap:Envelope>`;
/** Characters XML allows in text, surrogate pairs included. */
const xmlText = fc.string({ unit: 'grapheme', maxLength: 200 }).map((s) => s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF\r]/g, ''));

describe('readSoapEnvelope', () => {
  describe('with a call as the Web Connector writes it', () => {
    it('names the operation and hands over its parameters', async () => {
      const { method, params } = await read(
        qbwcEnvelope('authenticate', [
          ['strUserName', 'alt-1'],
          ['strPassword', 'p&<>"\'w'],
        ]),
      );
      expect(method).to.equal('authenticate');
      expect(params).to.deep.equal({ strUserName: 'alt-1', strPassword: 'p&<>"\'w' });
    });

    it("streams QuickBooks' answer as decoded text, the same whatever the chunk sizes", async () => {
      const qbxml =
        '<?xml version="1.0" ?>\n<QBXML><QBXMLMsgsRs><CustomerQueryRs requestID="1" statusCode="0"><CustomerRet><Name>Ünïcødé &amp; 😀</Name></CustomerRet></CustomerQueryRs></QBXMLMsgsRs></QBXML>';
      const envelope = qbwcEnvelope('receiveResponseXML', [
        ['ticket', 't'],
        ['response', qbxml],
        ['hresult', ''],
        ['message', ''],
      ]);
      for (const sizes of [[1], [3, 7], [65536]]) {
        const { params, streamed, events } = await read(envelope, sizes);
        expect(streamed, `chunks ${sizes}`).to.equal(qbxml);
        expect(params).to.deep.equal({ ticket: 't', response: '', hresult: '', message: '' });
        expect(events.findIndex((e) => e.kind === 'param' && e.name === 'ticket')).to.be.lessThan(events.findIndex((e) => e.kind === 'text'));
      }
    });

    it('decodes character references and entities cut by chunk ends in the streamed answer, and refuses what XML does not know', async () => {
      const escaped = `${'x'.repeat(100)}&lt;A&gt;caf&#233; &#x1F600; &amp;&quot;&apos;&lt;/A&gt;`;
      const envelope = (text: string) =>
        wrap(`<receiveResponseXML xmlns="http://developer.intuit.com/"><ticket>t</ticket><response>${text}</response></receiveResponseXML>`);
      for (const sizes of [[1], [2, 5], [13], [140]]) {
        expect((await read(envelope(escaped), sizes)).streamed, `chunks ${sizes}`).to.equal(`${'x'.repeat(100)}<A>café 😀 &"'</A>`);
      }
      for (const bad of ['&nbsp;', '&#0;', '&#xD800;', '&#x110000;', '& ;', '&lt']) {
        let refused: AppError | undefined;
        try {
          await read(envelope(`${'x'.repeat(300)}${bad}${'y'.repeat(300)}`), [64]);
        } catch (error) {
          refused = error as AppError;
        }
        expect(refused?.kind, bad).to.equal('malformed');
      }
    });

    it('takes parameters without a namespace prefix, a header nobody must understand, comments and a BOM', async () => {
      const body = `<authenticate xmlns="http://developer.intuit.com/"><strUserName xmlns="">u</strUserName><!-- hi --></authenticate>`;
      const header = `<soap:Header><x:Trace xmlns:x="urn:x">anything</x:Trace></soap:Header>`;
      const { method, params } = await read(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(wrap(body, header))]));
      expect(method).to.equal('authenticate');
      expect(params).to.deep.equal({ strUserName: 'u' });
    });
  });

  describe('with hostile or wrong input', () => {
    const cases: [string, string | Buffer, RegExp][] = [
      ['an empty body', '', /no SOAP envelope/],
      ['a SOAP 1.2 envelope', '<e:Envelope xmlns:e="http://www.w3.org/2003/05/soap-envelope"><e:Body/></e:Envelope>', /SOAP 1\.1/],
      [
        'a header that must be understood',
        wrap('<serverVersion xmlns="http://developer.intuit.com/"/>', `<soap:Header><w:Security xmlns:w="urn:w" soap:mustUnderstand="1"/></soap:Header>`),
        /must be understood/,
      ],
      ['a DOCTYPE', `<!DOCTYPE x [<!ENTITY a "b">]>${wrap('')}`, /DOCTYPE/],
      ["an operation outside Intuit's namespace", wrap('<authenticate/>'), /namespace/],
      ['two operations', wrap('<a xmlns="http://developer.intuit.com/"/><b xmlns="http://developer.intuit.com/"/>'), /more than one operation/],
      ['XML inside a parameter', wrap('<authenticate xmlns="http://developer.intuit.com/"><strUserName><b>x</b></strUserName></authenticate>'), /must be text/],
      ['a parameter twice', wrap('<authenticate xmlns="http://developer.intuit.com/"><ticket>a</ticket><ticket>b</ticket></authenticate>'), /twice/],
      ['text outside the parameters', wrap('<authenticate xmlns="http://developer.intuit.com/">loose</authenticate>'), /outside its parameters/],
      [
        'a NUL as a character reference',
        wrap('<authenticate xmlns="http://developer.intuit.com/"><strUserName>a&#0;b</strUserName></authenticate>'),
        /not allow|not well-formed/,
      ],
      [
        'a lone surrogate as a character reference',
        wrap('<authenticate xmlns="http://developer.intuit.com/"><strUserName>a&#xD800;b</strUserName></authenticate>'),
        /not allow|not well-formed/,
      ],
      [
        'bytes that are not UTF-8',
        Buffer.concat([Buffer.from(wrap('<a xmlns="http://developer.intuit.com/"><b>')), Buffer.from([0xc3, 0x28]), Buffer.from('</b></a>')]),
        /UTF-8/,
      ],
      ['a truncated envelope', wrap('<authenticate xmlns="http://developer.intuit.com/"><ticket>a</ticket>').slice(0, -30), /ends early|not well-formed/],
      ['an HTML entity', wrap('<authenticate xmlns="http://developer.intuit.com/"><ticket>&nbsp;</ticket></authenticate>'), /not well-formed/],
      ['a body with no operation', wrap(''), /names no operation/],
      [
        'a parameter past its limit',
        wrap(`<authenticate xmlns="http://developer.intuit.com/"><strUserName>${'u'.repeat(SOAP_LIMITS.maxParameterChars + 1)}</strUserName></authenticate>`),
        /longer than/,
      ],
    ];
    for (const [what, body, message] of cases) {
      it(`refuses ${what} in words`, async () => {
        expect((await refusal(body)).userMessage).to.match(message);
      });
    }

    it('says VersionMismatch and MustUnderstand where SOAP 1.1 has those codes', async () => {
      expect((await refusal(cases[1][1])).detail).to.equal('VersionMismatch');
      expect((await refusal(cases[2][1])).detail).to.equal('MustUnderstand');
    });

    it('refuses deep nesting, many attributes, a long attribute and many elements within the first chunk that passes a limit', async () => {
      const hostile: [string, string][] = [
        ['nesting', `<soap:Envelope xmlns:soap="${SOAP11}"><soap:Header>${'<a>'.repeat(400_000)}`],
        ['attributes', `<soap:Envelope xmlns:soap="${SOAP11}" ${Array.from({ length: 100_000 }, (_, i) => `a${i}="x"`).join(' ')}>`],
        ['attribute size', `<soap:Envelope xmlns:soap="${SOAP11}" a="${'x'.repeat(30 * 1024 * 1024)}">`],
        ['elements', `<soap:Envelope xmlns:soap="${SOAP11}"><soap:Header>${'<a/>'.repeat(1_000_000)}`],
      ];
      for (const [what, body] of hostile) {
        let chunks = 0;
        const counted = async function* () {
          for await (const c of chunked(Buffer.from(body), [65536])) {
            chunks++;
            yield c;
          }
        };
        try {
          for await (const _ of readSoapEnvelope(counted(), QBWC_PARAMETER_POLICY)) void _;
          expect.fail(`${what}: not refused`);
        } catch (error) {
          expect((error as AppError).kind, what).to.equal('malformed');
        }
        expect(chunks, `${what}: chunks read before the refusal`).to.be.at.most(3);
      }
    });
  });

  describe('as a property, over generated envelopes', () => {
    it('reads back every parameter exactly, whatever the text and the chunk sizes', async () => {
      await fc.assert(
        fc.asyncProperty(xmlText, xmlText, fc.array(fc.integer({ min: 1, max: 64 }), { minLength: 1, maxLength: 5 }), async (user, response, sizes) => {
          const envelope = qbwcEnvelope('receiveResponseXML', [
            ['ticket', user],
            ['response', response],
            ['hresult', ''],
            ['message', ''],
          ]);
          const read1 = await read(envelope, sizes);
          expect(read1.params.ticket).to.equal(user);
          expect(read1.streamed).to.equal(response);
        }),
        { numRuns: 150 },
      );
    });

    it('never fails but with a refusal in words on mangled envelopes', async () => {
      const base = Buffer.from(
        qbwcEnvelope('authenticate', [
          ['strUserName', 'alt-1'],
          ['strPassword', 'secret'],
        ]),
      );
      await fc.assert(
        fc.asyncProperty(
          fc.array(fc.tuple(fc.nat(base.length - 1), fc.integer({ min: 0, max: 255 })), { maxLength: 6 }),
          fc.nat(base.length),
          async (edits, cut) => {
            const bytes = Buffer.from(base.subarray(0, cut));
            for (const [at, value] of edits) if (at < bytes.length) bytes[at] = value;
            try {
              await read(bytes, [7]);
            } catch (error) {
              expect(error).to.be.instanceOf(AppError);
              expect((error as AppError).kind).to.equal('malformed');
              expect((error as AppError).userMessage)
                .to.be.a('string')
                .and.not.match(/\n\s+at |\/work|node_modules/);
            }
          },
        ),
        { numRuns: 300 },
      );
    });
  });
});
