import { expect } from 'chai';
import { OWNER_ID, buildQwcFile, qbwcBaseUrl } from '../../../../../adapters/qbd/qbwc/qwc-file';
import { readQwc } from '../../../../simulators/qbwc/qwc-reader';

const input = {
  publicUrl: 'https://sync.example.com',
  username: 'alt-abc123',
  fileId: '{3C6E6D2A-9B0E-4C83-8F3E-2A4B7C1D9E05}',
  companyName: 'Smith & Sons <Books>',
  intervalMinutes: 15,
};

describe('buildQwcFile', () => {
  it('writes every element the reference requires, with the values QBWC expects', () => {
    const qwc = readQwc(buildQwcFile(input));
    expect(qwc.fields).to.deep.include({
      AppURL: 'https://sync.example.com/qbwc',
      AppSupport: 'https://sync.example.com/support',
      UserName: 'alt-abc123',
      OwnerID: OWNER_ID,
      FileID: input.fileId,
      QBType: 'QBFS',
      RunEveryNMinutes: '15',
      IsReadOnly: 'false',
      UnattendedModePref: 'umpRequired',
      PersonalDataPref: 'pdpNotNeeded',
    });
    expect(qwc.fields.AppDescription).to.equal('Syncs Smith & Sons <Books> with Alternative Payments');
  });

  it('starts with the XML declaration (no BOM, no whitespace) and escapes names', () => {
    const text = buildQwcFile(input);
    expect(text.startsWith('<?xml version="1.0"?>\n<QBWCXML>')).to.equal(true);
    expect(text).to.include('Smith &amp; Sons &lt;Books&gt;');
  });

  it('uses https for any host but localhost, since QBWC refuses plain http elsewhere (QBWC1010)', () => {
    expect(qbwcBaseUrl('http://sync.example.com/')).to.equal('https://sync.example.com');
    expect(qbwcBaseUrl('http://localhost:8080')).to.equal('http://localhost:8080');
    expect(() => readQwc(buildQwcFile({ ...input, publicUrl: 'http://localhost:8080' }))).not.to.throw();
  });
});
