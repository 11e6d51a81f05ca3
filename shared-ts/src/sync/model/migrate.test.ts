import { createLink } from '../links/create-link';
import {
  migrateConnection,
  migrateLink,
  migrateQueueItem,
  migrateStoredReplica,
  replicaVersionFor,
} from './migrate';
import { hashedReplicaOf, JIRA_ISSUE, replicaOf, SALESFORCE_CASE } from '../testing/fixtures';

const linkV1 = {
  connectionId: 'conn-1',
  local: SALESFORCE_CASE,
  remote: JIRA_ISSUE,
  state: 'active',
  incoming: { seq: 7, acked: 3, baseline: [{ path: ['Subject'], value: 'x', sentSeq: 3 }] },
  outgoing: {
    seq: 5,
    lastSentHash: 'h5',
    unacked: [
      { seq: 4, view: { Subject: 'y' } },
      { seq: 5, view: { Subject: 'z' } },
    ],
  },
  comments: [{ remote: 'j1', local: 'c1' }],
  attachments: [],
  lastSyncAt: '2026-11-20T09:00:00.000Z',
};

describe('migrateLink', () => {
  it('brings a v1 link to v2: delivered up to the acknowledged seq, snapshots stamped with the seq applied, no field stamps', () => {
    expect(migrateLink(linkV1)).toEqual({
      ok: true,
      value: {
        ...linkV1,
        format: 2,
        version: 0,
        outgoing: {
          seq: 5,
          lastSentHash: 'h5',
          unacked: [
            { seq: 4, applied: 7, view: { Subject: 'y' } },
            { seq: 5, applied: 7, view: { Subject: 'z' } },
          ],
          delivered: 3,
          fields: {},
        },
      },
    });
  });

  it('returns a v2 link as it is', () => {
    const link = createLink('conn-1', SALESFORCE_CASE);
    expect(migrateLink(link)).toEqual({ ok: true, value: link });
  });

  it.each([
    ['a format it does not know', { ...linkV1, format: 3 }, /format 3, which this version does not read/],
    ['not an object', 'link', /not an object/],
    ['a link without outgoing', { ...linkV1, outgoing: null }, /incoming or outgoing is missing/],
    [
      'a v2 link without delivered',
      (() => {
        const link = createLink('conn-1', SALESFORCE_CASE);
        return { ...link, outgoing: { ...link.outgoing, delivered: undefined } };
      })(),
      /^The stored link cannot be read: \/outgoing\/delivered must be a whole number, 0 or more\.$/,
    ],
    [
      'a v2 link whose baseline entry has no path',
      (() => {
        const link = createLink('conn-1', SALESFORCE_CASE);
        return { ...link, incoming: { ...link.incoming, baseline: [{ value: 'x', sentSeq: 0 }] } };
      })(),
      /\/incoming\/baseline\/0\/path must be a list/,
    ],
    [
      'a v2 link in an unknown state',
      { ...createLink('conn-1', SALESFORCE_CASE), state: 'paused' },
      /\/state must be one of "active", "unlinked"/,
    ],
  ])('refuses %s with a schema failure', (_what, stored, message) => {
    const result = migrateLink(stored);
    expect(result).toMatchObject({ ok: false, error: { code: 'schema' } });
    expect(!result.ok && result.error.message).toMatch(message);
  });
});

describe('migrateQueueItem', () => {
  it('adds the format and migrates a queued v1 replica to v2, keeping its seq and hash', () => {
    // A well-formed hash: the migrated item's replica must be a valid replica.
    const replica = replicaOf({ seq: 4, hash: 'a'.repeat(64) });
    const item = {
      id: 'q1',
      key: 'conn-1:Case:500A',
      connectionId: 'conn-1',
      entity: SALESFORCE_CASE,
      message: { kind: 'replica', replica, target: null, applied: 0 },
      queuedAt: '2026-11-20T10:00:00.000Z',
      attempts: 0,
      nextAttemptAt: '2026-11-20T10:00:00.000Z',
      state: 'pending',
      lastError: null,
    };
    const result = migrateQueueItem(item, () => '01JDV2MIGRATED000000000000');
    expect(result).toEqual({
      ok: true,
      value: {
        ...item,
        format: 2,
        messageId: '01JDV2MIGRATED000000000000',
        offers: 0,
        lastOfferedAt: null,
        version: 0,
        message: { ...item.message, replica: { ...replica, schema: 2, fieldTimes: {} } },
      },
    });
    // Without a generator the item cannot get a message id, so it is refused, not half-migrated.
    expect(migrateQueueItem(item)).toMatchObject({
      ok: false,
      error: { code: 'schema', message: expect.stringContaining('no messageId') as unknown },
    });
  });

  it('refuses a format it does not know', () => {
    expect(migrateQueueItem({ format: 9 })).toMatchObject({ ok: false, error: { code: 'schema' } });
  });

  it('passes a v2 item through, and refuses one whose members are not an item', async () => {
    const item = {
      format: 2,
      id: 'q1',
      key: 'conn-1:Case:500A',
      connectionId: 'conn-1',
      entity: SALESFORCE_CASE,
      message: { kind: 'replica', replica: await hashedReplicaOf({ seq: 4 }), target: null, applied: 0 },
      messageId: '01M7W6C3800000000000000001',
      offers: 0,
      lastOfferedAt: null,
      queuedAt: '2026-11-20T10:00:00.000Z',
      attempts: 0,
      nextAttemptAt: '2026-11-20T10:00:00.000Z',
      state: 'pending',
      lastError: null,
      version: 3,
    };
    expect(migrateQueueItem(item)).toEqual({ ok: true, value: item });
    const refused = (stored: unknown) => {
      const result = migrateQueueItem(stored);
      return result.ok ? null : result.error.message;
    };
    expect(refused({ ...item, offers: -1 })).toBe(
      'The stored queue item cannot be read: /offers must be a whole number, 0 or more.',
    );
    expect(refused({ ...item, message: { ...item.message, replica: { seq: 4 } } })).toBe(
      'The stored queue item cannot be read: /message/replica must be a valid replica.',
    );
    expect(refused({ ...item, replaced: [{ kind: 'unlink' }] })).toMatch(
      /\/replaced\/0\/kind must be one of "replica"/,
    );
  });
});

describe('migrateStoredReplica', () => {
  it('gives a stored v1 replica unknown field times, and refuses a value that is no replica', () => {
    expect(migrateStoredReplica(replicaOf())).toMatchObject({
      ok: true,
      value: { schema: 2, fieldTimes: {} },
    });
    expect(migrateStoredReplica({ schema: 7 })).toMatchObject({ ok: false, error: { code: 'schema' } });
  });
});

describe('migrateConnection', () => {
  it('assumes a v1 peer (protocol 1, replica 1, no capabilities) when the record does not say', () => {
    expect(migrateConnection({ connectionId: 'conn-1', secret: 's' })).toEqual({
      ok: true,
      value: {
        connectionId: 'conn-1',
        secret: 's',
        format: 2,
        peerSpeaks: { protocol: [1], replica: [1], capabilities: [] },
      },
    });
  });

  it('keeps what the peer said it speaks, and refuses a format it does not know', () => {
    const peerSpeaks = { protocol: [1], replica: [1, 2], capabilities: ['field-times'] };
    expect(migrateConnection({ format: 2, peerSpeaks })).toEqual({
      ok: true,
      value: { format: 2, peerSpeaks },
    });
    expect(migrateConnection({ format: 3 })).toMatchObject({ ok: false, error: { code: 'schema' } });
  });

  it('refuses a record whose peer or agreed speaks is not {protocol, replica, capabilities}', () => {
    const peerSpeaks = { protocol: [1], replica: [1, 2], capabilities: [] };
    expect(migrateConnection({ format: 2, peerSpeaks: { protocol: [1] } })).toMatchObject({
      ok: false,
      error: {
        code: 'schema',
        message: 'The stored connection cannot be read: /peerSpeaks/replica must be a list.',
      },
    });
    expect(
      migrateConnection({
        format: 2,
        peerSpeaks,
        speaks: { protocol: [1], replica: ['2'], capabilities: [] },
      }),
    ).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/\/speaks\/replica\/0 must be a whole number/) as unknown },
    });
  });
});

describe('replicaVersionFor', () => {
  it('sends v2 to a peer that speaks it, v1 to one that speaks only v1, and nothing to one that speaks neither', () => {
    expect(replicaVersionFor({ protocol: [1], replica: [1, 2], capabilities: [] })).toBe(2);
    expect(replicaVersionFor({ protocol: [1], replica: [1], capabilities: [] })).toBe(1);
    expect(replicaVersionFor({ protocol: [1], replica: [3], capabilities: [] })).toBeNull();
  });
});
