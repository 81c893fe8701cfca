import { expect } from 'chai';
import { createLogger } from '../../../../core/runtime/logger';

describe('createLogger', () => {
  it('writes one JSON object per line with time, level, message and fields, child fields included', () => {
    const lines: string[] = [];
    createLogger('info', (l) => lines.push(l))
      .child({ requestId: 'r1' })
      .info('hello', { n: 1 });
    const entry = JSON.parse(lines[0]);
    expect(entry).to.include({ level: 'info', msg: 'hello', requestId: 'r1', n: 1 });
    expect(Number.isNaN(Date.parse(entry.time))).to.equal(false);
  });

  it('drops lines below its level and spells out errors', () => {
    const lines: string[] = [];
    const log = createLogger('warn', (l) => lines.push(l));
    log.info('quiet');
    log.error('failed', { error: new Error('boom') });
    expect(lines).to.have.length(1);
    expect(JSON.parse(lines[0]).error).to.include({ name: 'Error', message: 'boom' });
  });
});
