import { createLink } from '../links/create-link';
import type { Link } from '../model/link';
import type { ReplicaMessage } from '../model/sync-message';
import { caseOf, JIRA_ISSUE, replicaOf, SALESFORCE_CASE } from '../testing/fixtures';
import { decideField, type FieldDecisionContext } from './decide-field';
import { guardIncoming } from './guard-incoming';
import { readAcknowledgement } from './read-acknowledgement';

function message(seq: number, applied = 0): ReplicaMessage {
  return { kind: 'replica', replica: replicaOf({ seq }), target: SALESFORCE_CASE, applied };
}

function linkAt(seq: number, outgoing: Partial<Link['outgoing']> = {}): Link {
  const link = createLink('conn-1', SALESFORCE_CASE, JIRA_ISSUE);
  return {
    ...link,
    incoming: { ...link.incoming, seq },
    outgoing: { ...link.outgoing, ...outgoing },
  };
}

describe('guardIncoming (section 4.1)', () => {
  it('lets a newer replica of the linked remote through', () => {
    expect(guardIncoming(linkAt(1), caseOf({}), message(2))).toBeNull();
  });

  it('drops a replay as stale and an unlinked pair as unlinked, in that order of checks', () => {
    expect(guardIncoming(linkAt(2), caseOf({}), message(2))).toMatchObject({ kind: 'drop', reason: 'stale' });
    const unlinked = { ...linkAt(5), state: 'unlinked' as const };
    expect(guardIncoming(unlinked, caseOf({}), message(2))).toMatchObject({
      kind: 'drop',
      reason: 'unlinked',
    });
  });

  it('fails local-missing when the linked entity is gone', () => {
    expect(guardIncoming(linkAt(1), null, message(2))).toMatchObject({
      kind: 'fail',
      error: { code: 'local-missing' },
    });
  });
});

describe('readAcknowledgement (section 4.3)', () => {
  const snapshots = [1, 2, 3].map((seq) => ({ seq, applied: 0, view: { Subject: `v${seq}` } }));

  it('reads a new acknowledgement, its snapshot and the delivered replicas the remote had not seen', () => {
    const link = linkAt(1, { seq: 3, delivered: 2, unacked: snapshots });
    const ack = readAcknowledgement(link, message(2, 1));
    expect(ack).toMatchObject({ outgoingSeq: 3, priorAcked: 0, acked: 1, firstUnseenSeq: 2 });
    expect(ack.snapshot?.seq).toBe(1);
    expect(ack.unseen.map((s) => s.seq)).toEqual([2]);
  });

  it('ignores an acknowledgement of a seq never sent', () => {
    const ack = readAcknowledgement(linkAt(1, { seq: 3, unacked: snapshots }), message(2, 9));
    expect(ack).toMatchObject({ acked: 0, snapshot: undefined, firstUnseenSeq: Infinity });
  });
});

describe('decideField (section 4.3)', () => {
  const base: FieldDecisionContext = {
    local: caseOf({ Subject: 'ours' }),
    ack: readAcknowledgement(linkAt(1), message(2)),
    baseline: new Map([['.Subject', { path: ['Subject'], value: 'agreed', sentSeq: 0 }]]),
    previousWrites: new Map(),
    policy: 'remote-wins',
    settle: { policy: 'remote-wins' },
    times: { remoteTimes: null, localTimes: {}, reads: null, remoteUpdated: null, remote: JIRA_ISSUE },
  };

  it('writes a remote change when only the remote changed the agreed value', () => {
    const ctx = { ...base, local: caseOf({ Subject: 'agreed' }) };
    expect(decideField(ctx, '.Subject', ['Subject'], 'theirs')).toEqual({
      write: true,
      agree: { path: ['Subject'], value: 'theirs', sentSeq: 0 },
      conflict: null,
    });
  });

  it('skips a value the remote did not change', () => {
    expect(decideField(base, '.Subject', ['Subject'], 'agreed')).toEqual({
      write: false,
      agree: null,
      conflict: null,
    });
  });

  it('reports a conflict when both changed it, settled by the policy', () => {
    const outcome = decideField(base, '.Subject', ['Subject'], 'theirs');
    expect(outcome.write).toBe(true);
    expect(outcome.conflict).toMatchObject({
      local: 'ours',
      remote: 'theirs',
      base: 'agreed',
      winner: 'remote',
    });
  });
});
