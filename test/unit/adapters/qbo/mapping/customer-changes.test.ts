import { expect } from 'chai';
import { customerChanges, deletedCustomerChange } from '../../../../../adapters/qbo/mapping/customer-changes';
import type { Instant } from '../../../../../core/values/instant';

const at = '2026-11-25T15:00:00.000Z' as Instant;
const customer = {
  Id: '58',
  SyncToken: '3',
  DisplayName: 'Red Rock Diner',
  FullyQualifiedName: 'Red Rock Diner',
  CompanyName: 'Red Rock Diner LLC',
  PrimaryEmailAddr: { Address: 'ap@redrock.example' },
  PrimaryPhone: { FreeFormNumber: '(555) 555-0100' },
  Active: true,
  Balance: 1005.5,
};

describe('QBO customer mapping', () => {
  it('makes one upsert of an active customer, its balance exact', () => {
    const changes = customerChanges(customer, at);
    expect(changes).to.have.length(1);
    expect(changes[0]).to.deep.include({ item: 'customer', operation: 'upsert', source: 'qbo', sourceId: '58', sourceVersion: '3' });
    expect(changes[0].payload).to.deep.equal({
      id: '58',
      name: 'Red Rock Diner',
      fullName: 'Red Rock Diner',
      companyName: 'Red Rock Diner LLC',
      email: 'ap@redrock.example',
      phone: '(555) 555-0100',
      isActive: true,
      balance: '1005.50',
    });
  });

  it('archives a customer made inactive, after its upsert', () => {
    const changes = customerChanges({ ...customer, Active: false }, at);
    expect(changes.map((c) => c.operation)).to.deep.equal(['upsert', 'archive']);
    expect((changes[0].payload as { isActive: boolean }).isActive).to.equal(false);
  });

  it('reads a sub-customer under its full path', () => {
    const [change] = customerChanges({ ...customer, Id: '59', DisplayName: 'Patio', FullyQualifiedName: 'Red Rock Diner:Patio' }, at);
    expect(change.payload).to.deep.include({ name: 'Patio', fullName: 'Red Rock Diner:Patio' });
  });

  it('makes a tombstone a delete of the customer', () => {
    expect(deletedCustomerChange({ Id: '61', status: 'Deleted' }, at)).to.deep.include({ item: 'customer', operation: 'delete', sourceId: '61' });
  });
});
