import { expect } from 'chai';
import { parseRetryAfter } from '../../../../../core/webhooks/outbound/parse-retry-after';

const NOW = Date.parse('2026-12-02T10:00:00Z');

describe('parseRetryAfter', () => {
  it('reads delay-seconds', () => {
    expect(parseRetryAfter('120', NOW)).to.equal(120);
    expect(parseRetryAfter(' 0 ', NOW)).to.equal(0);
    expect(parseRetryAfter(['30', '60'], NOW)).to.equal(30);
  });

  it('reads an HTTP date as seconds from now, a past one as 0', () => {
    expect(parseRetryAfter('Wed, 02 Dec 2026 10:02:00 GMT', NOW)).to.equal(120);
    expect(parseRetryAfter('Wed, 02 Dec 2026 10:00:00 GMT', NOW + 500)).to.equal(0);
    expect(parseRetryAfter('Tue, 01 Dec 2026 10:00:00 GMT', NOW)).to.equal(0);
  });

  it('ignores what it cannot read', () => {
    for (const value of [undefined, '', '-5', '1.5', 'soon', 'Wed, 99 Foo 2026', '12345678901']) {
      expect(parseRetryAfter(value, NOW), String(value)).to.equal(null);
    }
  });
});
