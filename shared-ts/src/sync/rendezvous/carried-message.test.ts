import type { Replica } from '../../replica';
import { hashedReplicaOf, replicaOf, SALESFORCE_CASE } from '../testing/fixtures';
import { envelopeOf, inSpokenFormat, syncMessageOf } from './carried-message';
import { parseEnvelope } from '../../protocol';
import type { ReplicaMessage } from '../model/sync-message';

/** A replica claiming a newer format than this code writes, as lane C's v2 will. */
function inFormat(schema: number): ReplicaMessage {
  return {
    kind: 'replica',
    replica: { ...replicaOf({ seq: 3 }), schema } as unknown as Replica,
    target: null,
    applied: 0,
  };
}

describe('inSpokenFormat', () => {
  it('sends a replica as it is when the peer reads its format', () => {
    const message = inFormat(2);
    expect(inSpokenFormat(message, [1, 2], undefined)).toBe(message);
  });

  it('downgrades a replica to the newest format the peer reads', () => {
    const seen: number[] = [];
    const downgraded = inSpokenFormat(inFormat(3), [1, 2], (replica, to) => {
      seen.push(to);
      return { ...replica, schema: to } as unknown as Replica;
    });
    expect(seen).toEqual([2]);
    expect(downgraded?.kind === 'replica' && downgraded.replica.schema).toBe(2);
  });

  it('downgrades v2 to v1 by default (downgradeReplica), and cannot send what no downgrade makes readable', () => {
    const v1 = inSpokenFormat(
      { ...inFormat(2), replica: { ...replicaOf({}), schema: 2, fieldTimes: {} } },
      [1],
      undefined,
    );
    expect(v1?.kind === 'replica' && v1.replica.schema).toBe(1);
    expect(v1?.kind === 'replica' && 'fieldTimes' in v1.replica).toBe(false);
    expect(inSpokenFormat(inFormat(2), [1], () => null)).toBeNull();
    expect(inSpokenFormat(inFormat(1), [2], () => replicaOf({}))).toBeNull();
  });

  it('always sends an unlink', () => {
    const unlink = { kind: 'unlink' as const, entity: SALESFORCE_CASE, target: null, reason: null };
    expect(inSpokenFormat(unlink, [], undefined)).toBe(unlink);
  });
});

describe('envelopeOf', () => {
  it('carries what a trimmed replica left out, and reads it back', async () => {
    const message: ReplicaMessage = {
      kind: 'replica',
      replica: await hashedReplicaOf({ seq: 3 }),
      target: SALESFORCE_CASE,
      applied: 1,
      trimmed: { comments: { sent: 40, total: 112 }, attachments: { sent: 0, total: 0 } },
    };
    const envelope = envelopeOf(message, {
      connectionId: 'conn-1',
      messageId: '01M7W6C3800000000000000001',
      sentAt: 0,
    });
    const read = parseEnvelope(JSON.stringify(envelope), ['replica']);
    expect(read.ok && syncMessageOf(read.envelope)).toEqual(message);
  });
});
