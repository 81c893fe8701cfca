import { expect } from 'chai';
import type { SyncSettings } from '../../../../core/config/app-config';
import { AppError } from '../../../../core/errors/app-error';
import { definePlugin, PluginDefinition } from '../../../../core/plugins/define-plugin';
import { buildFrameworkRegistry } from '../../../../core/plugins/framework-registry';
import { defineAdapter } from '../../../../core/ports/define-adapter';
import { mayFlow } from '../../../../core/rules/may-flow';

const plugin = (id: string, rules: unknown[], extra: Partial<PluginDefinition> = {}) =>
  definePlugin({ id, description: `test ${id}`, systems: ['alpha', 'beta'], register: (ctx) => ctx.registerRules(rules), ...extra });

function problemsOf(build: () => unknown): string[] {
  try {
    build();
    return [];
  } catch (error) {
    expect(error).to.be.instanceOf(AppError);
    return (error as AppError).problems.map((p) => `${p.at}: ${p.message}`);
  }
}

describe('buildFrameworkRegistry', () => {
  it('accepts zero plugins: the catalog has the core items and nothing may flow', () => {
    const registry = buildFrameworkRegistry({ plugins: [] });
    expect(registry.catalog.kinds).to.have.members(['customer', 'invoice', 'payment', 'deposit', 'account']);
    expect(mayFlow(registry.ruleSetFor(), { item: 'customer', operation: 'upsert', from: 'alpha', to: 'beta' }).allowed).to.equal(false);
  });

  it("links a connection's system to the systems its plugins pair it with, and to none when no plugin names it", () => {
    const registry = buildFrameworkRegistry({
      plugins: [plugin('hub-alpha', []), plugin('hub-gamma', [], { systems: ['gamma', 'beta'] })],
    });
    expect(registry.linkedSystems('alpha')).to.deep.equal(['alpha', 'beta']);
    expect(registry.linkedSystems('gamma')).to.deep.equal(['gamma', 'beta']);
    expect(registry.linkedSystems('beta'), 'the hub both plugins share').to.have.members(['alpha', 'beta', 'gamma']);
    expect(registry.linkedSystems('delta')).to.deep.equal([]);
  });

  it('rejects two plugins with the same id', () => {
    expect(problemsOf(() => buildFrameworkRegistry({ plugins: [plugin('dup', []), plugin('dup', [])] }))).to.deep.equal([
      'plugins: plugin "dup" is registered twice',
    ]);
  });

  it('rejects rules naming unknown items, groups, conditions and systems, all in one error', () => {
    const problems = problemsOf(() =>
      buildFrameworkRegistry({
        plugins: [
          plugin('bad', [
            { item: 'vendor', operation: 'upsert', flow: 'alpha->beta' },
            { item: 'invoice', operation: 'upsert', fieldGroup: 'colour', flow: 'alpha->beta' },
            { item: 'invoice', operation: 'upsert', when: 'is-blue', flow: 'alpha->beta' },
            { item: 'invoice', operation: 'upsert', flow: 'alpha->gamma' },
          ]),
        ],
      }),
    );
    expect(problems).to.have.length(4);
    expect(problems[0]).to.match(/^plugin:bad\.rules\[0\]\.item: must be "\*" or a known item/);
    expect(problems[1]).to.match(/rules\[1\]\.fieldGroup: must be one of invoice's groups/);
    expect(problems[2]).to.match(/rules\[2\]\.when: names a condition, but none is registered/);
    expect(problems[3]).to.match(/rules\[3\]\.flow: must be "none", "both" or "from->to" with known systems \(alpha, beta\)/);
  });

  it('lets a plugin add an item and a condition that its rules then use', () => {
    const registry = buildFrameworkRegistry({
      plugins: [
        definePlugin({
          id: 'vendors',
          description: 'adds vendors',
          systems: ['alpha', 'beta'],
          register(ctx) {
            ctx.registerItem({ kind: 'vendor', description: 'A vendor', fieldGroups: ['identity'], parse: (x) => x });
            ctx.registerCondition({ name: 'vendor-active', item: 'vendor', description: 'active' });
            ctx.registerRules([{ item: 'vendor', operation: 'upsert', when: 'vendor-active', flow: 'alpha->beta' }]);
          },
        }),
      ],
    });
    expect(registry.catalog.has('vendor')).to.equal(true);
    const question = { item: 'vendor', operation: 'upsert', from: 'alpha', to: 'beta' } as const;
    expect(mayFlow(registry.ruleSetFor(), { ...question, facts: ['vendor-active'] }).allowed).to.equal(true);
  });

  describe("plugins' sync settings", () => {
    // A plugin in plain JavaScript may register anything: the cast stands in for one.
    const syncPlugin = (id: string, sync: unknown) => plugin(id, [], { register: (ctx) => ctx.registerSyncDefaults(sync as Partial<SyncSettings>) });

    it('are one layer, empty with zero plugins', () => {
      expect(buildFrameworkRegistry({ plugins: [] }).syncDefaults).to.deep.equal({});
      const registry = buildFrameworkRegistry({ plugins: [syncPlugin('pages', { pageSize: 100 }), syncPlugin('windows', { initialWindowMonths: 3 })] });
      expect(registry.syncDefaults).to.deep.equal({ pageSize: 100, initialWindowMonths: 3 });
    });

    it('are checked like a partner file, and a setting two plugins name is refused', () => {
      expect(
        problemsOf(() =>
          buildFrameworkRegistry({
            plugins: [syncPlugin('first', { pageSize: 100 }), syncPlugin('second', { pageSize: 5000, everyMinutes: 3 }), syncPlugin('third', 'fast')],
          }),
        ),
      ).to.deep.equal([
        'plugin:second.sync[0].pageSize: must be at most 1000',
        'plugin:second.sync[0].everyMinutes: is not a known field',
        'plugin:second.sync[0].pageSize: is set by the plugin "first" too',
        'plugin:third.sync[0]: must be an object',
      ]);
    });
  });

  it('rejects a plugin item that clashes with a core item', () => {
    const clash = definePlugin({
      id: 'clash',
      description: 'redefines customer',
      systems: ['alpha'],
      register: (ctx) => ctx.registerItem({ kind: 'customer', description: 'again', fieldGroups: ['x'], parse: (x) => x }),
    });
    expect(problemsOf(() => buildFrameworkRegistry({ plugins: [clash] }))).to.deep.equal(['items: item "customer" is registered twice']);
  });

  it('rejects an adapter that names an unknown item, and two adapters for one system', () => {
    const adapter = (system: string, reads: string[]) =>
      defineAdapter({ portVersion: 1, system, displayName: system, reads, writes: [], apply: async () => ({ results: [] }) });
    expect(problemsOf(() => buildFrameworkRegistry({ plugins: [], adapters: [adapter('alpha', ['vendor'])] }))).to.deep.equal([
      'adapters.alpha: names an unknown item "vendor"',
    ]);
    expect(problemsOf(() => buildFrameworkRegistry({ plugins: [], adapters: [adapter('alpha', []), adapter('alpha', [])] }))).to.deep.equal([
      'adapters: adapter for system "alpha" is registered twice',
    ]);
  });

  describe('definePlugin', () => {
    it('rejects a plugin without an id, description or systems', () => {
      expect(() => definePlugin({ id: 'Bad Id', description: '', systems: [], register: () => undefined })).to.throw(
        AppError,
        /id[\s\S]*description[\s\S]*systems/,
      );
    });
  });
});
