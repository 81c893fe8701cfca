import { expect } from 'chai';
import { QbxmlEvent } from '../../../../../adapters/qbd/qbxml/reader/qbxml-events';
import { RECORD_LIMITS } from '../../../../../adapters/qbd/qbxml/reader/qbxml-stream-reader';
import { readQbxml } from '../../../../../adapters/qbd/qbxml/reader/read-qbxml';
import { AppError } from '../../../../../core/errors/app-error';

const wrap = (body: string) => `<?xml version="1.0" ?>\n<QBXML>\n<QBXMLMsgsRs>\n${body}\n</QBXMLMsgsRs>\n</QBXML>\n`;
const customer = (id: string, extra = '') =>
  `<CustomerRet>\n<ListID>${id}</ListID>\n<TimeCreated>2026-01-01T10:00:00-05:00</TimeCreated>\n<TimeModified>2026-01-02T10:00:00-05:00</TimeModified>\n<EditSequence>1767366000</EditSequence>\n<Name>N${id}</Name>\n<FullName>N${id}</FullName>\n<IsActive>true</IsActive>\n${extra}</CustomerRet>`;
const customerQuery = (...records: string[]) =>
  wrap(`<CustomerQueryRs requestID="c" statusCode="0" statusSeverity="Info" statusMessage="Status OK">\n${records.join('\n')}\n</CustomerQueryRs>`);

async function events(source: Parameters<typeof readQbxml>[0]): Promise<QbxmlEvent[]> {
  const all: QbxmlEvent[] = [];
  for await (const e of readQbxml(source)) all.push(e);
  return all;
}

async function failure(source: string): Promise<AppError> {
  try {
    await events(source);
  } catch (error) {
    expect(error).to.be.instanceOf(AppError);
    return error as AppError;
  }
  throw new Error('expected the reader to refuse the input');
}

describe('readQbxml', () => {
  describe('with an answer split into arbitrary chunks', () => {
    it('emits the same events for any split, even inside a multi-byte character', async () => {
      const xml = customerQuery(customer('1', '<CompanyName>Zoë Café &amp; Bar</CompanyName>\n'), customer('2'));
      const whole = await events(xml);
      const bytes = Buffer.from(xml, 'utf8');
      for (const size of [1, 2, 3, 7, 64]) {
        const chunks: Buffer[] = [];
        for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
        expect(await events(chunks), `chunks of ${size} bytes`).to.deep.equal(whole);
      }
      expect(whole.filter((e) => e.kind === 'record')).to.have.length(2);
      expect(JSON.stringify(whole)).to.include('Zoë Café & Bar');
    });

    it('yields a record before the rest of the document has arrived', async () => {
      const xml = customerQuery(customer('1'), customer('2'));
      const cut = xml.indexOf('<CustomerRet>', xml.indexOf('</CustomerRet>'));
      let sentSecondHalf = false;
      async function* slowSource() {
        yield xml.slice(0, cut);
        sentSecondHalf = true;
        yield xml.slice(cut);
      }
      for await (const e of readQbxml(slowSource())) {
        if (e.kind === 'record') {
          expect(sentSecondHalf, 'first record came only after the whole document').to.equal(false);
          break;
        }
      }
    });
  });

  it('keeps reading past elements it does not know (newer QuickBooks versions add fields)', async () => {
    const xml = customerQuery(customer('1', '<FieldFromQuickBooks2031><Nested>x</Nested></FieldFromQuickBooks2031>\n'));
    const records = (await events(xml)).filter((e) => e.kind === 'record');
    expect(records).to.have.length(1);
  });

  it('reads text as XML defines it: entities and references decoded, CDATA as written, line ends as LF', async () => {
    const xml = customerQuery(customer('1', '<CompanyName>Smith &amp; Sons &#233;&#x20AC;\r\nWest<![CDATA[ <Unit 4> ]]></CompanyName>\n'));
    const [record] = (await events(xml)).filter((e) => e.kind === 'record');
    expect((record as { record: { companyName?: string } }).record.companyName).to.equal('Smith & Sons é€\nWest <Unit 4>');
  });

  it('reads an answer whose XML declaration comes after a line break, in any split (as it did on sax)', async () => {
    const xml = `\r\n \n${customerQuery(customer('1'))}`;
    for (const split of [1, 2, 4, xml.length]) {
      const chunks = Array.from({ length: Math.ceil(xml.length / split) }, (_, i) => xml.slice(i * split, (i + 1) * split));
      expect(
        (await events(chunks)).filter((e) => e.kind === 'record'),
        `chunks of ${split}`,
      ).to.have.length(1);
    }
  });

  it('skips a Ret it has no reader for, and still reads the status', async () => {
    const xml = wrap('<VendorQueryRs requestID="v" statusCode="0" statusSeverity="Info"><VendorRet><ListID>1</ListID></VendorRet></VendorQueryRs>');
    const all = await events(xml);
    expect(all.map((e) => e.kind)).to.deep.equal(['status']);
  });

  it('reports one record with a bad value and goes on with the next', async () => {
    const xml = customerQuery(customer('1', '<Balance>12.5</Balance>\n'), customer('2'));
    const all = await events(xml);
    const bad = all.find((e) => e.kind === 'bad-record');
    expect(bad && bad.kind === 'bad-record' && bad.error.userMessage).to.equal('QuickBooks sent a CustomerRet/Balance that is not an amount.');
    expect(all.filter((e) => e.kind === 'record')).to.have.length(1);
  });

  it('classifies statuses: no match is not an error, a lock says retry next session', async () => {
    const xml = wrap(
      '<InvoiceQueryRs requestID="a" statusCode="1" statusSeverity="Info" statusMessage="A query request did not find a matching object in QuickBooks" />\n' +
        '<ReceivePaymentAddRs requestID="b" statusCode="3180" statusSeverity="Error" statusMessage="This list has been modified by another user." />\n' +
        '<ReceivePaymentAddRs requestID="c" statusCode="3200" statusSeverity="Error" statusMessage="The provided edit sequence is out-of-date." />\n' +
        '<InvoiceQueryRs requestID="d" statusCode="530" statusSeverity="Warn" />\n' +
        '<InvoiceQueryRs requestID="e" statusCode="9999" statusSeverity="Error" />',
    );
    const meanings = (await events(xml)).map((e) => (e.kind === 'status' ? [e.status.requestId, e.status.meaning.class, e.status.meaning.retry] : []));
    expect(meanings).to.deep.equal([
      ['a', 'no-match', 'none-needed'],
      ['b', 'locked', 'next-session'],
      ['c', 'stale-edit-sequence', 're-read-then-retry'],
      ['d', 'warning', 'none-needed'],
      ['e', 'error', 'never'],
    ]);
  });

  describe('with bad or hostile input', () => {
    const cases: [string, string, RegExp][] = [
      ['malformed XML', wrap('<CustomerQueryRs statusCode="0"><CustomerRet></CustomerQueryRs>'), /unexpected close tag|not readable/i],
      ['a truncated document', customerQuery(customer('1')).slice(0, 200), /truncated/],
      ['an empty answer', '', /empty/],
      [
        'a DOCTYPE with an entity declaration (billion laughs)',
        '<?xml version="1.0"?><!DOCTYPE QBXML [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]><QBXML>&b;</QBXML>',
        /DOCTYPE is not allowed/,
      ],
      ['an external entity', '<?xml version="1.0"?><!DOCTYPE QBXML SYSTEM "file:///etc/passwd"><QBXML/>', /DOCTYPE is not allowed/],
      ['an HTML entity', wrap('<CustomerQueryRs statusCode="0">&nbsp;</CustomerQueryRs>'), /entity/],
      ['another root', '<?xml version="1.0"?><soap:Envelope xmlns:soap="x"/>', /root element is <soap:Envelope>/],
      ['an Rs without a status code', wrap('<CustomerQueryRs requestID="1"></CustomerQueryRs>'), /no numeric statusCode/],
      ['two roots', '<QBXML></QBXML><QBXML></QBXML>', /not readable/],
      ['a reference to a character XML does not allow', wrap('<CustomerQueryRs statusCode="0">&#1;</CustomerQueryRs>'), /not readable/],
    ];
    for (const [what, xml, message] of cases) {
      it(`refuses ${what} with a malformed error`, async () => {
        const error = await failure(xml);
        expect(error.kind).to.equal('malformed');
        expect(error.userMessage).to.match(message);
      });
    }

    it('refuses a record with more elements than the limit, instead of growing without bound', async () => {
      const many = '<X/>'.repeat(RECORD_LIMITS.maxElements + 1);
      const error = await failure(customerQuery(customer('1', `<Huge>${many}</Huge>`)));
      expect(error.userMessage).to.match(/too large or too deep/);
    });
  });
});
