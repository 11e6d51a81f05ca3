import { forgetUnsentSnapshot } from './forget-unsent-snapshot';
import type { Link } from '../model/link';
import type { QueueItem } from '../model/queue-item';
import { JIRA_ISSUE, replicaOf, SALESFORCE_CASE } from '../testing/fixtures';

function link(seqs: number[]): Link {
  return {
    format: 2,
    connectionId: 'conn-1',
    local: SALESFORCE_CASE,
    remote: JIRA_ISSUE,
    state: 'active',
    incoming: { seq: 1, acked: 1, baseline: [] },
    outgoing: {
      seq: Math.max(...seqs),
      lastSentHash: 'h',
      unacked: seqs.map((seq) => ({ seq, applied: 1, view: { Subject: `v${seq}` } })),
      delivered: 0,
      fields: {},
    },
    comments: [],
    attachments: [],
    lastSyncAt: null,
    version: 0,
  };
}

function queued(seq: number, attempts = 0): QueueItem {
  return {
    format: 2,
    id: `item-${seq}`,
    key: 'conn-1:Case:500A',
    connectionId: 'conn-1',
    entity: SALESFORCE_CASE,
    message: { kind: 'replica', replica: replicaOf({ seq }), target: JIRA_ISSUE, applied: 1 },
    messageId: '01M7W6C3800000000000000001',
    offers: 0,
    lastOfferedAt: null,
    queuedAt: '2026-11-20T10:00:00.000Z',
    attempts,
    nextAttemptAt: '2026-11-20T10:00:00.000Z',
    state: 'pending',
    lastError: null,
    version: 0,
  };
}

describe('forgetUnsentSnapshot', () => {
  it('drops the snapshot of a replica replaced before it was ever sent', () => {
    const after = forgetUnsentSnapshot(link([2, 3, 4]), queued(3), queued(4));

    expect(after.outgoing.unacked.map((snapshot) => snapshot.seq)).toEqual([2, 4]);
  });

  it('keeps the snapshot of a replica that was tried, for it may have arrived', () => {
    const before = link([2, 3, 4]);

    expect(forgetUnsentSnapshot(before, queued(3, 1), queued(4))).toBe(before);
  });

  it('keeps the snapshot of a replica the rendezvous offered in a batch, for the puller may hold it', () => {
    const before = link([2, 3, 4]);
    const offered = { ...queued(3), offers: 1, lastOfferedAt: '2026-11-20T10:00:00.000Z' };

    expect(forgetUnsentSnapshot(before, offered, queued(4))).toBe(before);
  });

  it('keeps everything when nothing was replaced', () => {
    const before = link([2, 3]);
    const waiting = queued(3);

    expect(forgetUnsentSnapshot(before, null, queued(3))).toBe(before);
    expect(forgetUnsentSnapshot(before, waiting, waiting)).toBe(before);
  });

  it('keeps everything when the waiting unlink or a newer replica stays', () => {
    const before = link([2, 3]);
    const unlink: QueueItem = {
      ...queued(0),
      message: { kind: 'unlink', entity: SALESFORCE_CASE, target: JIRA_ISSUE, reason: null },
    };

    expect(forgetUnsentSnapshot(before, unlink, queued(3))).toBe(before);
  });
});
