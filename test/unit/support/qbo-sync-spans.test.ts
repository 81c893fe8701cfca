import { expect } from 'chai';
import { syncSpans } from '../../support/qbo-sync-spans';
import type { ProxiedCall } from '../../support/request-log-proxy';

const REALM = '9130';
/** A call of `instance` to the company from `startMs` to `endMs`: 'accounts' opens a sync, 'cdc' closes it, 'customers' is in between. */
function call(instance: string, what: 'accounts' | 'customers' | 'cdc' | 'company', startMs: number, endMs: number): ProxiedCall {
  const base = `/v3/company/${REALM}`;
  const [path, query] = {
    accounts: [`${base}/query`, '?query=SELECT+*+FROM+Account+STARTPOSITION+1+MAXRESULTS+1000'],
    customers: [`${base}/query`, '?query=SELECT+*+FROM+Customer+WHERE+Active+=+true'],
    cdc: [`${base}/cdc`, '?entities=Customer,Invoice'],
    company: [`${base}/companyinfo/${REALM}`, '?minorversion=75'],
  }[what];
  return { instance, method: 'GET', path, query, realmId: REALM, startMs, endMs, status: 200 };
}

const sync = (instance: string, at: number) => [
  call(instance, 'accounts', at, at + 1),
  call(instance, 'customers', at + 2, at + 3),
  call(instance, 'cdc', at + 4, at + 5),
];
const described = (log: ProxiedCall[], dead = [] as { instance: string; atMs: number }[]) => {
  const { spans, overlaps } = syncSpans(log, dead);
  return {
    spans: spans.map((s) => `${s.instance} ${s.startMs}-${s.endMs}${s.finished ? '' : ' unfinished'}`),
    overlaps: overlaps.map((o) => `${o.first.instance}@${o.first.startMs} ${o.second.instance}@${o.second.startMs}`),
  };
};

describe('syncSpans', () => {
  it("cuts one company's calls into syncs from the accounts read to the answered CDC read, leaving out the name read of connecting", () => {
    expect(described([call('A', 'company', 0, 1), ...sync('A', 10), ...sync('B', 20)])).to.deep.equal({ spans: ['A 10-15', 'B 20-25'], overlaps: [] });
  });

  it('finds two instances syncing one company at once', () => {
    const log = [...sync('A', 10), ...sync('B', 12)].sort((x, y) => x.startMs - y.startMs);
    // Each switch between their calls is one more: the first is where it began.
    expect(described(log).overlaps[0]).to.equal('A@10 B@12');
  });

  it('finds one instance running two syncs of one company at once', () => {
    const log = [call('A', 'accounts', 10, 11), call('A', 'accounts', 12, 13), call('A', 'cdc', 14, 15), call('A', 'cdc', 16, 17)];
    expect(described(log).overlaps).to.deep.equal(['A@10 A@12']);
  });

  it('finds a sync that starts before the previous one has its last answer', () => {
    const log = [call('A', 'accounts', 10, 11), call('A', 'cdc', 12, 20), ...sync('B', 15)];
    expect(described(log).overlaps).to.deep.equal(['A@10 B@15']);
  });

  it("ends a killed instance's sync where it died, so the survivor's next sync is no overlap", () => {
    const log = [call('B', 'accounts', 10, 11), { ...call('B', 'cdc', 12, 13), status: undefined }, ...sync('A', 30)];
    expect(described(log, [{ instance: 'B', atMs: 20 }])).to.deep.equal({ spans: ['B 10-13 unfinished', 'A 30-35'], overlaps: [] });
    expect(described(log).overlaps).to.deep.equal(['B@10 A@30']);
  });
});
