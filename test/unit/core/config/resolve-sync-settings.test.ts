import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppConfig, BUILT_IN_SYNC, PartnerOverrides, SyncSettings } from '../../../../core/config/app-config';
import { loadConfig } from '../../../../core/config/load-config';
import { resolveSyncSettings } from '../../../../core/config/resolve-sync-settings';
import { syncSettingsSource } from '../../../../core/config/sync-settings-source';
import { AppError } from '../../../../core/errors/app-error';
import { pluginFinder } from '../../../../core/plugins/find-plugin';
import { codeRoot, packageRoot } from '../../../../core/runtime/package-root';
import { GOOD_DEFAULTS, writeConfigDir } from '../../../support/test-config-dir';

const PARTNER = '3f1c2a9e-8d4b-4e6f-9a1b-2c3d4e5f6a7b';
const OTHER = '9b2d7c1e-4a3f-4e8d-8c6b-5a4f3e2d1c0b';
const findPlugin = pluginFinder(join(codeRoot(), 'plugins'));
const load = (files: Record<string, unknown>) =>
  loadConfig({ env: { CONFIG_DIR: writeConfigDir(files) }, defaultConfigDir: '/nonexistent', findPlugin }).config;

/** A config with defaults.json's sync and, when given, one partner file's sync block. */
function configWith(defaults: SyncSettings, partner?: Partial<SyncSettings>): Pick<AppConfig, 'sync' | 'partners'> {
  const partners = new Map<string, PartnerOverrides>();
  if (partner)
    partners.set(PARTNER, {
      partnerId: PARTNER,
      file: 'partners/acme.json',
      sync: partner,
      rules: { name: `partner:${PARTNER}`, origin: 'partner', rules: [] },
    });
  return { sync: defaults, partners };
}

describe('resolveSyncSettings', () => {
  const defaults: SyncSettings = { intervalMinutes: 7, initialWindowMonths: 24, historyWindowMonths: 6, pageSize: 250 };

  describe('takes each setting from the most specific layer that names it', () => {
    // [layer, partner file, connection's own, expected]
    const rows: [string, Partial<SyncSettings> | undefined, { syncIntervalMinutes?: number } | undefined, SyncSettings][] = [
      ['defaults.json over the built-in values', undefined, undefined, defaults],
      [
        'the partner file over defaults.json, for what it names only',
        { intervalMinutes: 15, initialWindowMonths: 6 },
        undefined,
        { intervalMinutes: 15, initialWindowMonths: 6, historyWindowMonths: 6, pageSize: 250 },
      ],
      [
        "the connection's own interval over the partner file",
        { intervalMinutes: 15 },
        { syncIntervalMinutes: 30 },
        { intervalMinutes: 30, initialWindowMonths: 24, historyWindowMonths: 6, pageSize: 250 },
      ],
      [
        "the connection's own interval over defaults.json",
        undefined,
        { syncIntervalMinutes: 2 },
        { intervalMinutes: 2, initialWindowMonths: 24, historyWindowMonths: 6, pageSize: 250 },
      ],
      ['a layer that leaves a setting undefined: the one below', { historyWindowMonths: undefined }, { syncIntervalMinutes: undefined }, defaults],
    ];
    for (const [layer, partner, connection, expected] of rows) {
      it(layer, () => {
        expect(resolveSyncSettings(configWith(defaults, partner), { partnerId: PARTNER, connection })).to.deep.equal(expected);
      });
    }
  });

  describe("puts the plugins' layer between defaults.json and the partner file", () => {
    const plugins = { pageSize: 100, initialWindowMonths: 3 };
    it('over defaults.json', () => {
      expect(resolveSyncSettings(configWith(defaults), { partnerId: PARTNER }, plugins)).to.deep.equal({ ...defaults, pageSize: 100, initialWindowMonths: 3 });
    });
    it("reaches every reader through the service's source, which takes the layer from the plugin registry", () => {
      const source = syncSettingsSource(configWith(defaults, { intervalMinutes: 15 }), { syncDefaults: plugins });
      expect(source.resolve({ partnerId: PARTNER })).to.deep.equal({ ...defaults, intervalMinutes: 15, pageSize: 100, initialWindowMonths: 3 });
    });
    it('under the partner file, for what the file names', () => {
      expect(resolveSyncSettings(configWith(defaults, { pageSize: 400 }), { partnerId: PARTNER }, plugins)).to.deep.equal({
        ...defaults,
        pageSize: 400,
        initialWindowMonths: 3,
      });
    });
  });

  it('gives a partner without a file, and no partner at all, the defaults', () => {
    const config = configWith(defaults, { intervalMinutes: 15 });
    expect(resolveSyncSettings(config, { partnerId: OTHER })).to.deep.equal(defaults);
    expect(resolveSyncSettings(config)).to.deep.equal(defaults);
  });

  it('falls back on the built-in values for what no layer names', () => {
    expect(resolveSyncSettings({ sync: {} as SyncSettings, partners: new Map() })).to.deep.equal(BUILT_IN_SYNC);
  });

  it('answers a frozen object', () => {
    expect(Object.isFrozen(resolveSyncSettings(configWith(defaults), { partnerId: PARTNER }))).to.equal(true);
  });

  it("reads the repository's defaults.json: every 5 minutes, the last 12 months first, history 12 months at a time", () => {
    const config = loadConfig({ env: {}, defaultConfigDir: join(packageRoot(), 'config'), findPlugin }).config;
    expect(resolveSyncSettings(config, { partnerId: PARTNER })).to.deep.equal({
      intervalMinutes: 5,
      initialWindowMonths: 12,
      historyWindowMonths: 12,
      pageSize: 250,
    });
  });

  it('makes the example partner-creates-customers-in-qbd.json poll every 15 minutes, as its description says', () => {
    const example = JSON.parse(readFileSync(join(packageRoot(), 'config/examples/partner-creates-customers-in-qbd.json'), 'utf8'));
    expect(example.description).to.include('every 15 minutes');
    const config = load({ 'defaults.json': GOOD_DEFAULTS, 'partners/example.json': { ...example, partnerId: PARTNER } });
    expect(resolveSyncSettings(config, { partnerId: PARTNER })).to.deep.equal({
      intervalMinutes: 15,
      initialWindowMonths: 12,
      historyWindowMonths: 12,
      pageSize: 250,
    });
  });

  it('is never reached with an invalid partner value: start-up stops and names every one', () => {
    let error: unknown;
    try {
      load({
        'defaults.json': GOOD_DEFAULTS,
        'partners/acme.json': {
          partnerId: PARTNER,
          sync: { intervalMinutes: 0, initialWindowMonths: 'six', historyWindowMonths: 121, pageSize: 5, everyMinutes: 3 },
        },
      });
    } catch (e) {
      error = e;
    }
    expect(error).to.be.instanceOf(AppError);
    expect((error as AppError).problems).to.deep.equal([
      { at: 'partners/acme.json: sync.intervalMinutes', message: 'must be at least 1' },
      { at: 'partners/acme.json: sync.initialWindowMonths', message: 'must be a whole number' },
      { at: 'partners/acme.json: sync.historyWindowMonths', message: 'must be at most 120' },
      { at: 'partners/acme.json: sync.pageSize', message: 'must be at least 10' },
      { at: 'partners/acme.json: sync.everyMinutes', message: 'is not a known field' },
    ]);
  });
});
