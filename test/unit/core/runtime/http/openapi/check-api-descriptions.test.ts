import { expect } from 'chai';
import { AppError } from '../../../../../../core/errors/app-error';
import type { HttpRoutes } from '../../../../../../core/runtime/http/http-routes';
import { ApiDescription, money, obj, str } from '../../../../../../core/runtime/http/openapi/api-description';
import { checkApiDescriptions } from '../../../../../../core/runtime/http/openapi/check-api-descriptions';

const routes = (name: string, api: ApiDescription): HttpRoutes => ({ name, api, register: () => undefined });
const CUSTOMER = obj({ name: str(), balance: money() });

function problemsOf(...contributions: HttpRoutes[]): string[] {
  try {
    checkApiDescriptions(contributions);
    return [];
  } catch (error) {
    expect(error).to.be.instanceOf(AppError);
    return (error as AppError).problems.map((p) => `${p.at}: ${p.message}`);
  }
}

describe('checkApiDescriptions', () => {
  it('accepts operations with an operationId, and an example beside each schema', () => {
    const ok = routes('customers', {
      'POST /api/customers': {
        operationId: 'createCustomer',
        summary: 'Create',
        auth: 'partner',
        body: obj({ name: str() }),
        bodyExample: { name: 'Café Ñandú & Sons' },
        response: { status: 201, schema: CUSTOMER, example: { name: 'Café Ñandú & Sons', balance: '0.00' } },
      },
      'GET /api/docs': { operationId: 'getApiReference', summary: 'A page', auth: 'none', response: { status: 200, description: 'HTML' } },
    });
    expect(problemsOf(ok)).to.deep.equal([]);
  });

  it('refuses, all at once, a missing or non-camelCase operationId and missing examples', () => {
    const bad = routes('customers', {
      'GET /api/customers': { summary: 'List', auth: 'partner', response: { status: 200, schema: CUSTOMER } } as never,
      'POST /api/customers': { operationId: 'create-customer', summary: 'Create', auth: 'partner', body: obj({ name: str() }), response: { status: 201 } },
    });
    expect(problemsOf(bad)).to.deep.equal([
      'customers: GET /api/customers: operationId must be camelCase letters and digits (e.g. listInvoices), got undefined',
      'customers: GET /api/customers: a response schema needs an example',
      'customers: POST /api/customers: operationId must be camelCase letters and digits (e.g. listInvoices), got "create-customer"',
      'customers: POST /api/customers: a body needs a bodyExample',
    ]);
  });

  it('refuses an operationId used twice, across contributions', () => {
    const one = routes('ledger', { 'GET /api/customers': { operationId: 'listCustomers', summary: 'List', auth: 'partner', response: { status: 200 } } });
    const two = routes('dashboard', {
      'GET /api/dashboard/customers': { operationId: 'listCustomers', summary: 'List', auth: 'partner', response: { status: 200 } },
    });
    expect(problemsOf(one, two)).to.deep.equal([
      'dashboard: GET /api/dashboard/customers: operationId "listCustomers" is already used by ledger: GET /api/customers',
    ]);
  });

  it('refuses an example its own schema does not accept', () => {
    const wrong = routes('customers', {
      'GET /api/customers/:id': {
        operationId: 'getCustomer',
        summary: 'One',
        auth: 'partner',
        response: { status: 200, schema: CUSTOMER, example: { name: 'Café Ñandú & Sons', balance: 125 } },
      },
    });
    expect(problemsOf(wrong)).to.deep.equal(['customers: GET /api/customers/:id response.example.balance: is integer, the schema says string']);
  });
});
