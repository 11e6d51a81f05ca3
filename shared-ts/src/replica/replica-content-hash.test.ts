import { createHash } from 'node:crypto';
import { canonicalJson } from '../util/canonical-json';
import { replicaContentHash } from './replica-content-hash';
import { exampleReplica } from './testing/example-replica';
import type { Replica } from './types';

const copy = (): Replica => structuredClone(exampleReplica);

describe('replicaContentHash', () => {
  it('gives the hash the example replica in docs/replica.md carries', async () => {
    expect(await replicaContentHash(exampleReplica)).toBe(
      'c8a04ad5404c460db24417fb855c01c92720c90c530c692182ae207ca9a6976d',
    );
  });

  it('is the SHA-256 of the canonical JSON of the content, as another platform would compute it', async () => {
    const { schema: _schema, entity: _entity, seq: _seq, hash: _hash, ...content } = exampleReplica;
    const expected = createHash('sha256')
      .update(Buffer.from(canonicalJson(content), 'utf8'))
      .digest('hex');
    expect(await replicaContentHash(exampleReplica)).toBe(expected);
  });

  it('ignores schema, entity, seq and hash', async () => {
    const other = {
      ...copy(),
      seq: 99,
      hash: '0'.repeat(64),
      entity: { platform: 'salesforce', type: 'Case', id: '500x' },
    };
    expect(await replicaContentHash(other)).toBe(await replicaContentHash(exampleReplica));
  });

  it('does not depend on the order of keys', async () => {
    const reversed = Object.fromEntries(Object.entries(copy()).reverse()) as unknown as Replica;
    expect(await replicaContentHash(reversed)).toBe(await replicaContentHash(exampleReplica));
  });

  it.each<[string, (replica: Replica) => void]>([
    ['the summary', (replica) => (replica.summary = 'Checkout fails')],
    ['a label', (replica) => replica.labels.push('urgent')],
    ['a comment body', (replica) => replica.comments.forEach((comment) => (comment.body = '<p>edited</p>'))],
    ['a custom field', (replica) => (replica.custom['Customer Tier'] = 'Silver')],
    ['a null turning into a value', (replica) => (replica.resolution = { name: 'Fixed' })],
  ])('changes when %s changes', async (_what, change) => {
    const changed = copy();
    change(changed);
    expect(await replicaContentHash(changed)).not.toBe(await replicaContentHash(exampleReplica));
  });

  it('hashes a custom field named __proto__, so that such a field is synced, not silently skipped', async () => {
    const withField = copy();
    withField.custom = JSON.parse('{"__proto__": {"tier": "Gold"}}') as Replica['custom'];
    const without = { ...copy(), custom: {} };
    expect(await replicaContentHash(withField)).not.toBe(await replicaContentHash(without));
  });

  it('hashes a replica nested 6,000 levels deep inside custom instead of overflowing the stack', async () => {
    let deep: Replica['custom'][string] = 'bottom';
    for (let i = 0; i < 6000; i++) deep = { inner: deep };
    expect(await replicaContentHash({ ...copy(), custom: { deep } })).toMatch(/^[0-9a-f]{64}$/);
  });
});
