import { expect } from 'chai';
import { parseCustomer } from '../../../../core/items/customer';
import { customerJson } from './fixtures';
import { problemsOf } from './problems-of';

describe('Customer', () => {
  it('accepts a valid customer', () => {
    expect(parseCustomer(customerJson())).to.deep.include({ name: 'Acme', balance: '120.00', isActive: true });
  });

  it('lists every problem at once, with its path', () => {
    const problems = problemsOf(() => parseCustomer({ ...customerJson(), name: '', isActive: 'yes', balance: 1.5, nickname: 'x' }));
    expect(problems.map((p) => p.at)).to.have.members(['name', 'isActive', 'balance', 'nickname']);
  });

  it('refuses something that is not an object', () => {
    expect(problemsOf(() => parseCustomer('Acme'))).to.have.length(1);
  });
});
