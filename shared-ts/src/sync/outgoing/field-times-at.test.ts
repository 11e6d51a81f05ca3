import { compile } from '../../rules/checker/compile';
import type { IrDependencies } from '../../rules/runtime/ir-dependencies';
import { fieldTimesAt, readsByWrittenPath, timesOfStamps } from './field-times-at';

const remote = { '/status': '2026-11-20T10:00:00.000Z', '/summary': '2026-11-20T12:00:00.000Z' };
const local = { '/status': '2026-11-20T11:00:00.000Z', '/custom/Tier': '2026-11-20T13:00:00.000Z' };

describe('fieldTimesAt', () => {
  it('compares the times of the replica fields the write reads, not the newest of the entity', () => {
    expect(fieldTimesAt([['status', 'name']], remote, local)).toEqual({
      remote: '2026-11-20T10:00:00.000Z',
      local: '2026-11-20T11:00:00.000Z',
    });
  });

  it('takes the newest of several fields read, and every field when the whole replica is read', () => {
    expect(fieldTimesAt([['status'], ['summary']], remote, local).remote).toBe('2026-11-20T12:00:00.000Z');
    expect(fieldTimesAt([[]], remote, local)).toEqual({
      remote: '2026-11-20T12:00:00.000Z',
      local: '2026-11-20T13:00:00.000Z',
    });
    expect(fieldTimesAt([['custom']], remote, local)).toEqual({
      remote: null,
      local: '2026-11-20T13:00:00.000Z',
    });
  });

  it('knows no time for fields that carry none (updated, comments) or are missing', () => {
    expect(fieldTimesAt([['updated'], ['comments']], remote, local)).toEqual({ remote: null, local: null });
    expect(fieldTimesAt([['priority']], remote, local)).toEqual({ remote: null, local: null });
  });
});

describe('readsByWrittenPath and timesOfStamps', () => {
  it('maps each written path to what it reads, from the compiled dependencies, and null without them', () => {
    const compiled = compile('entity.Subject = replica.summary;', 'salesforce', 'incoming');
    if (!compiled.ok) throw new Error('the script compiles');
    expect(readsByWrittenPath(compiled.ir.dependencies)?.get('.Subject')).toEqual([['summary']]);
    expect(readsByWrittenPath(undefined)).toBeNull();
    expect(readsByWrittenPath({ writes: 'junk' } as unknown as IrDependencies)).toBeNull();
  });

  it('lists the known times of the link stamps', () => {
    expect(
      timesOfStamps({
        '/summary': { digest: 'd', time: '2026-11-20T10:00:00.000Z' },
        '/status': { digest: 'e', time: null },
      }),
    ).toEqual({ '/summary': '2026-11-20T10:00:00.000Z' });
  });
});
