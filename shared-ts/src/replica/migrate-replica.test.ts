import { downgradeReplica, migrateReplica } from './migrate-replica';
import { replicaContentHash } from './replica-content-hash';
import { exampleReplica } from './testing/example-replica';
import type { Replica } from './types';
import { validateReplica } from './validate-replica';

const v2: Replica = {
  ...exampleReplica,
  schema: 2,
  fieldTimes: { '/summary': '2026-11-27T10:02:31.000Z', '/custom/Customer Tier': '2026-11-20T09:15:00.000Z' },
};

describe('migrateReplica and downgradeReplica', () => {
  it('downgrades a v2 replica to a valid v1 replica with the same hash', async () => {
    const v1 = downgradeReplica(v2);
    expect(v1).toEqual(exampleReplica);
    expect(validateReplica(v1).ok).toBe(true);
    expect(await replicaContentHash(v2)).toBe(exampleReplica.hash);
  });

  it('migrates a v1 replica to a valid v2 replica whose field times are all unknown', () => {
    const migrated = migrateReplica(exampleReplica);
    expect(migrated).toEqual({ ...exampleReplica, schema: 2, fieldTimes: {} });
    expect(validateReplica(migrated).ok).toBe(true);
  });

  it('leaves a replica already in the target version as it is', () => {
    expect(migrateReplica(v2)).toBe(v2);
    expect(downgradeReplica(exampleReplica)).toBe(exampleReplica);
  });
});
