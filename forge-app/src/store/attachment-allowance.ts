/**
 * `AttachmentAllowance` on the Custom Entity Store: a connection's bytes sent on one UTC day in a
 * `tandem-allowance` entity (key `w:<connection>:<day>`, kept 8 days), compare-and-set on
 * `version` like the link store.
 */
import { Filter, FilterConditions, kvs } from '@forge/kvs';
import type { AllowanceUse, AttachmentAllowance, ConditionalWrite } from '@tandem/shared-ts/engine';
import { ENTITY } from './entities';
import { kvsKey } from './kvs-key';

interface AllowanceEntity {
  bytes: number;
  version: number;
}

const allowances = () => kvs.entity<AllowanceEntity>(ENTITY.allowance);
const TTL = { unit: 'DAYS' as const, value: 8 };

/** The per-day attachment byte counter on @forge/kvs. */
export class ForgeAttachmentAllowance implements AttachmentAllowance {
  async get(connectionId: string, day: string): Promise<AllowanceUse> {
    const stored = await allowances().get(kvsKey('w', connectionId, day));
    return stored ? { bytes: stored.bytes, version: stored.version } : { bytes: 0, version: 0 };
  }

  async put(connectionId: string, day: string, bytes: number, version: number): Promise<ConditionalWrite> {
    const key = kvsKey('w', connectionId, day);
    const value = { bytes, version: version + 1 };
    try {
      if (version === 0) await allowances().set(key, value, { keyPolicy: 'FAIL_IF_EXISTS', ttl: TTL });
      else
        await kvs
          .transact()
          .set(
            key,
            value,
            {
              entityName: ENTITY.allowance,
              conditions: new Filter<AllowanceEntity>().and('version', FilterConditions.equalTo(version)),
            },
            { ttl: TTL },
          )
          .execute();
    } catch (error) {
      if (((await allowances().get(key))?.version ?? 0) !== version) return { ok: false, conflict: true };
      throw error;
    }
    return { ok: true, version: version + 1 };
  }
}
