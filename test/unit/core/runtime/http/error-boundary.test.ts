import { expect } from 'chai';
import { readJson } from '../../../../support/read-json';
import { AppError } from '../../../../../core/errors/app-error';
import { Harness, serveRoutes } from './koa-harness';

describe('errorBoundary', () => {
  let harness: Harness;
  before(async () => {
    harness = await serveRoutes({
      name: 'failing',
      register(router) {
        router.get('/bug', () => {
          throw new TypeError('cannot read properties of undefined (secret internals)');
        });
        router.get('/busy', () => {
          throw new AppError('transient', 'QuickBooks is busy; try again shortly.', { detail: 'lock 3170' });
        });
      },
    });
  });
  after(() => harness.close());

  it('answers a bug with 500 and a plain message, keeping the internals in the log only', async () => {
    const res = await fetch(`${harness.url}/bug`);
    expect(res.status).to.equal(500);
    const text = await res.text();
    expect(JSON.parse(text).error).to.deep.equal({ kind: 'internal', message: 'Something went wrong on our side.', requestId: 'req-1' });
    expect(text).not.to.include('secret internals');
    expect(JSON.stringify(harness.logs)).to.include('secret internals');
  });

  it('maps a kind to its status and shows the user message, not the detail', async () => {
    const res = await fetch(`${harness.url}/busy`);
    expect(res.status).to.equal(503);
    const body = await readJson(res);
    expect(body.error.message).to.equal('QuickBooks is busy; try again shortly.');
    expect(JSON.stringify(body)).not.to.include('3170');
  });
});
