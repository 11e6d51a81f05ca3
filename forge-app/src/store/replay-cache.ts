/**
 * `ReplayCache` on the Custom Entity Store: one `tandem-replay` entity per accepted message
 * (key `r:<connection>:<message id>`) holding `expiresAt`, written with a `ttl` so the platform
 * forgets it after the clock window. Check-and-record is atomic: a new id is created with
 * `FAIL_IF_EXISTS`, an expired one replaced only if `expiresAt` is still the one read, so of two
 * concurrent deliveries of one message exactly one is told "not seen".
 */
import { Filter, FilterConditions, kvs } from '@forge/kvs';
import type { ReplayCache } from '@tandem/shared-ts/protocol';
import { ENTITY } from './entities';
import { kvsKey } from './kvs-key';

interface ReplayEntity {
  expiresAt: number;
}

const replays = () => kvs.entity<ReplayEntity>(ENTITY.replay);

/** The replay cache of the rendezvous on @forge/kvs. */
export class ForgeReplayCache implements ReplayCache {
  constructor(private readonly clock: { now(): number } = { now: () => Date.now() }) {}

  async seen(connectionId: string, messageId: string, expiresAt: number): Promise<boolean> {
    const key = kvsKey('r', connectionId, messageId);
    const now = this.clock.now();
    const stored = await replays().get(key);
    if (stored && stored.expiresAt >= now) return true;
    const ttl = { unit: 'SECONDS' as const, value: Math.max(1, Math.ceil((expiresAt - now) / 1000) + 60) };
    try {
      if (!stored) await replays().set(key, { expiresAt }, { keyPolicy: 'FAIL_IF_EXISTS', ttl });
      else
        await kvs
          .transact()
          .set(
            key,
            { expiresAt },
            {
              entityName: ENTITY.replay,
              conditions: new Filter<ReplayEntity>().and(
                'expiresAt',
                FilterConditions.equalTo(stored.expiresAt),
              ),
            },
            { ttl },
          )
          .execute();
    } catch (error) {
      // Another delivery of the same message recorded it first.
      const now2 = await replays().get(key);
      if (now2 && now2.expiresAt !== stored?.expiresAt) return true;
      throw error;
    }
    return false;
  }
}
