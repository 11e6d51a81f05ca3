import { compile } from '../checker/compile';
import { readsOnlyReplica, type IrDependencies } from './ir-dependencies';
import type { Side } from './types';

function dependenciesOf(script: string, side: Side = 'salesforce'): IrDependencies | undefined {
  const compiled = compile(script, side, 'incoming');
  if (!compiled.ok) throw new Error(compiled.error.message);
  return compiled.ir.dependencies;
}

describe('IrProgram.dependencies', () => {
  it('maps each written path to the replica paths it reads, in first-write order', () => {
    expect(
      dependenciesOf(
        'const s = replica.status?.name;\nif (replica.summary) entity.Subject = replica.summary;\nentity.Status = s;',
      )?.writes,
    ).toEqual([
      { target: ['Subject'], reads: [['summary']] },
      { target: ['Status'], reads: [['status', 'name']] },
    ]);
  });

  it('lists the inputs read, sorted, and date.now when called', () => {
    expect(dependenciesOf('entity.A = replica.summary ?? connection.name;')?.inputs).toEqual([
      'connection',
      'replica',
    ]);
    expect(dependenciesOf('entity.A = firstSync ? date.now() : entity.B;')?.inputs).toEqual([
      'date.now',
      'entity',
      'firstSync',
    ]);
  });

  it('counts a write below a field or with += as reading the writable variable', () => {
    expect(dependenciesOf('issue.customFields.B = replica.summary;', 'jira')?.inputs).toEqual([
      'issue',
      'replica',
    ]);
    expect(dependenciesOf('entity.A += replica.summary;')?.inputs).toEqual(['entity', 'replica']);
  });

  it('says which programs compute the same writes from the same replica', () => {
    expect(readsOnlyReplica(dependenciesOf('entity.A = replica.summary;') as IrDependencies)).toBe(true);
    expect(readsOnlyReplica(dependenciesOf('entity.A = previous?.summary;') as IrDependencies)).toBe(false);
    expect(readsOnlyReplica(dependenciesOf('entity.A = date.now();') as IrDependencies)).toBe(false);
  });

  it('is absent on outgoing programs', () => {
    const compiled = compile('replica.summary = entity.Subject;', 'salesforce', 'outgoing');
    expect(compiled.ok && compiled.ir.dependencies).toBeUndefined();
  });
});
