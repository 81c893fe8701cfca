import { expect } from 'chai';
import { join } from 'node:path';
import { loadConfig } from '../../../../core/config/load-config';
import { resolveSyncSettings } from '../../../../core/config/resolve-sync-settings';
import { AppError } from '../../../../core/errors/app-error';
import { pluginFinder } from '../../../../core/plugins/find-plugin';
import { codeRoot } from '../../../../core/runtime/package-root';
import { mayFlow } from '../../../../core/rules/may-flow';
import { GOOD_DEFAULTS, writeConfigDir } from '../../../support/test-config-dir';

const PARTNER = '3f1c2a9e-8d4b-4e6f-9a1b-2c3d4e5f6a7b';
const findPlugin = pluginFinder(join(codeRoot(), 'plugins'));
const load = (files: Record<string, unknown>, env: NodeJS.ProcessEnv = {}) =>
  loadConfig({ env: { CONFIG_DIR: writeConfigDir(files), ...env }, defaultConfigDir: '/nonexistent', findPlugin });

function failure(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    expect(error).to.be.instanceOf(AppError);
    return error as AppError;
  }
  throw new Error('expected the configuration to be refused');
}

describe('loadConfig', () => {
  it('reads defaults and the environment into a frozen object', () => {
    const { config, registry } = load({ 'defaults.json': GOOD_DEFAULTS }, { PORT: '9090' });
    expect(config.service).to.include({ port: 9090, publicUrl: 'http://localhost:9090', logLevel: 'info' });
    expect(config.sync.intervalMinutes).to.equal(5);
    expect(registry.pluginIds).to.deep.equal(['alternative-qbd']);
    expect(Object.isFrozen(config) && Object.isFrozen(config.service) && Object.isFrozen(config.sync)).to.equal(true);
  });

  it("reads the repository's own config folder", () => {
    const { config } = loadConfig({ env: {}, defaultConfigDir: join(codeRoot(), '..', 'config'), findPlugin });
    expect(config.plugins).to.deep.equal(['alternative-qbd', 'alternative-qbo']);
  });

  it('stops on three mistakes in three places with one error naming all three', () => {
    const error = failure(() =>
      load(
        {
          'defaults.json': { ...GOOD_DEFAULTS, sync: { ...GOOD_DEFAULTS.sync, intervalMinutes: 0 } },
          'partners/acme.json': { partnerId: PARTNER, rules: [{ item: 'customer', operation: 'upsert', flow: 'qbd->quickbooks' }] },
        },
        { PORT: 'eighty' },
      ),
    );
    expect(error.kind).to.equal('invalid');
    expect(error.userMessage).to.match(/^The configuration is not valid \(3 problems\):/);
    expect(error.userMessage).to.include('environment.PORT: must be a port number 0-65535');
    expect(error.userMessage).to.include('defaults.json: sync.intervalMinutes: must be at least 1');
    expect(error.userMessage).to.include('partners/acme.json: rules[0].flow: must be "none", "both" or "from->to" with known systems (alternative, qbd)');
  });

  it('listens on every interface unless HOST names an IP address, and refuses a HOST that is not one', () => {
    expect(load({ 'defaults.json': GOOD_DEFAULTS }).config.service.host).to.equal('0.0.0.0');
    expect(load({ 'defaults.json': GOOD_DEFAULTS }, { HOST: '127.0.0.1' }).config.service.host).to.equal('127.0.0.1');
    expect(load({ 'defaults.json': GOOD_DEFAULTS }, { HOST: '::1' }).config.service.host).to.equal('::1');
    const error = failure(() => load({ 'defaults.json': GOOD_DEFAULTS }, { HOST: 'example.com' }));
    expect(error.problems.map((p) => p.at)).to.deep.equal(['environment.HOST']);
    expect(error.userMessage).to.include('environment.HOST: must be an IP address to listen on');
  });

  it('turns /metrics on with a METRICS_TOKEN of at least 16 characters, and never repeats a short one', () => {
    expect(load({ 'defaults.json': GOOD_DEFAULTS }).config.service.metricsToken).to.equal(undefined);
    expect(load({ 'defaults.json': GOOD_DEFAULTS }, { METRICS_TOKEN: 'scrape-me-0123456789' }).config.service.metricsToken).to.equal('scrape-me-0123456789');
    const error = failure(() => load({ 'defaults.json': GOOD_DEFAULTS }, { METRICS_TOKEN: 'hunter2' }));
    expect(error.userMessage).to.include('environment.METRICS_TOKEN: must be at least 16 characters');
    expect(error.userMessage).not.to.include('hunter2');
  });

  it('never repeats a secret, even from a file that is not JSON', () => {
    const error = failure(() =>
      load(
        { 'defaults.json': GOOD_DEFAULTS, 'partners/leaky.json': '{ "partnerId": "hunter2-secret-value" oops }' },
        { DATABASE_URL: 'mysql://sync:hunter2-secret-value@db/prod', ADMIN_TOKEN: 'hunter2' },
      ),
    );
    expect(error.problems.map((p) => p.at)).to.have.members(['environment.DATABASE_URL', 'environment.ADMIN_TOKEN', 'partners/leaky.json']);
    expect(error.userMessage).to.include('partners/leaky.json: is not valid JSON (line 1, column');
    expect(error.message).not.to.include('hunter2');
  });

  it('names an unknown plugin, a missing defaults file and a doubled partner', () => {
    expect(failure(() => load({ 'defaults.json': { ...GOOD_DEFAULTS, plugins: ['no-such-plugin'] } })).userMessage).to.include(
      'defaults.json: plugins[0]: no plugin is called "no-such-plugin"',
    );
    expect(failure(() => load({})).userMessage).to.include('defaults.json: file is missing');
    const doubled = failure(() =>
      load({ 'defaults.json': GOOD_DEFAULTS, 'partners/a.json': { partnerId: PARTNER }, 'partners/b.json': { partnerId: PARTNER } }),
    );
    expect(doubled.userMessage).to.include('partners/b.json: names the same partner as partners/a.json');
  });

  it('catches a typo in a partner file key', () => {
    const error = failure(() => load({ 'defaults.json': GOOD_DEFAULTS, 'partners/a.json': { partnerId: PARTNER, rulez: [] } }));
    expect(error.problems).to.deep.equal([{ at: 'partners/a.json: rulez', message: 'is not a known field' }]);
  });

  describe('with a partner file that turns on customers to QuickBooks', () => {
    const files = {
      'defaults.json': GOOD_DEFAULTS,
      'partners/acme.json': { partnerId: PARTNER, sync: { intervalMinutes: 15 }, rules: [{ item: 'customer', operation: 'upsert', flow: 'both' }] },
    };
    const question = { item: 'customer', operation: 'upsert', from: 'alternative', to: 'qbd' } as const;

    it('allows it for that partner only', () => {
      const { config, registry } = load(files);
      const acme = config.partners.get(PARTNER)!;
      expect(mayFlow(registry.ruleSetFor(acme.rules), question)).to.deep.include({ allowed: true, layer: `partner:${PARTNER}` });
      expect(mayFlow(registry.ruleSetFor(), question).allowed).to.equal(false);
    });

    it('overrides only the sync settings it names', () => {
      const { config } = load(files);
      expect(config.partners.get(PARTNER)!.sync).to.deep.equal({ intervalMinutes: 15 });
      expect(resolveSyncSettings(config, { partnerId: PARTNER })).to.deep.equal({
        intervalMinutes: 15,
        initialWindowMonths: 12,
        historyWindowMonths: 12,
        pageSize: 250,
      });
    });
  });
});
