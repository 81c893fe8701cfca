import { expect } from 'chai';
import { qbwcEnvelope, readSoapAnswer } from '../../simulators/qbwc/soap-envelope';
import { connectedCompany } from '../../support/connected-company';
import { reportFaultTallyAtEnd } from './fault-tally';
import { useHostileInputService } from './hostile-input-fixture';

/** Hostile qbXML in place of QuickBooks' answer, within a real session. */
reportFaultTallyAtEnd();

describe('Fault suite: hostile input on every public endpoint', function () {
  this.timeout(120_000);
  const { clock, service, expectRefused } = useHostileInputService();

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
});
