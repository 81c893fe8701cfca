import { expect } from 'chai';
import { decodeDeliveryCursor, deliveryPageSize, encodeDeliveryCursor } from '../../../../../core/webhooks/endpoints/delivery-cursor';

describe('Delivery page cursors', () => {
  it('give back the seq they were made from', () => {
    expect(decodeDeliveryCursor(encodeDeliveryCursor('9007199254740993'))).to.equal('9007199254740993');
    expect(decodeDeliveryCursor(undefined)).to.equal(undefined);
  });

  it('refuse anything this API did not give out, before it reaches a query', () => {
    const made = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    for (const raw of ['abc', made({ seq: 12 }), made({ seq: '1; drop table x' }), made({ seq: '1'.repeat(19) }), made({ id: '1' }), made(null)]) {
      expect(() => decodeDeliveryCursor(raw), raw).to.throw(/not one this API gave out/);
    }
  });

  it('pages 50 unless asked, from 1 to 200', () => {
    expect(deliveryPageSize(undefined)).to.equal(50);
    expect(deliveryPageSize('200')).to.equal(200);
    for (const raw of ['0', '201', '2.5', 'ten']) expect(() => deliveryPageSize(raw), raw).to.throw(/from 1 to 200/);
  });
});
