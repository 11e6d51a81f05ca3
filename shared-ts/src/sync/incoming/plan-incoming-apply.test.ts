import type { Replica } from '../../replica';
import type { RuleInputs } from '../../rules/runtime/types';
import { createLink } from '../links/create-link';
import type { Link } from '../model/link';
import { snapshotView } from '../model/snapshot-view';
import { planIncomingApply, type IncomingApplyInput, type IncomingDecision } from './plan-incoming-apply';
import { DEFAULT_SYNC_POLICY, type ConflictPolicy } from '../model/sync-policy';
import { fakeRulesEngine } from '../testing/fake-rules-engine';
import { caseOf, commentOf, JIRA_ISSUE, replicaOf, SALESFORCE_CASE } from '../testing/fixtures';

const NOW = '2026-11-20T10:00:00.000Z';

/** Subject and Status from the replica; comments kept in step when the replica has any. */
const mapping = fakeRulesEngine({
  incoming: ({ replica }: RuleInputs) => {
    const r = replica as unknown as Replica;
    return { Subject: r.summary, Status: r.status?.name ?? null, comments: r.comments };
  },
});

/** A link that has applied seq 1 (Subject "Printer on fire", Status "To Do") and sent nothing. */
function syncedLink(overrides: Partial<Link['incoming']> = {}): Link {
  const link = createLink('conn-1', SALESFORCE_CASE, JIRA_ISSUE);
  return {
    ...link,
    incoming: {
      seq: 1,
      acked: 0,
      baseline: [
        { path: ['Subject'], value: 'Printer on fire', sentSeq: 0 },
        { path: ['Status'], value: 'To Do', sentSeq: 0 },
      ],
      ...overrides,
    },
    lastSyncAt: '2026-11-20T09:00:00.000Z',
  };
}

function plan(
  overrides: Partial<IncomingApplyInput> & {
    replica?: Replica;
    applied?: number;
    senderPolicy?: ConflictPolicy;
  },
): IncomingDecision {
  const { replica, applied, senderPolicy, ...rest } = overrides;
  return planIncomingApply({
    connectionId: 'conn-1',
    link: syncedLink(),
    previous: replicaOf(),
    local: caseOf({ Subject: 'Printer on fire', Status: 'To Do' }),
    message: {
      kind: 'replica',
      replica: replica ?? replicaOf({ seq: 2 }),
      target: SALESFORCE_CASE,
      applied: applied ?? 0,
      ...(senderPolicy ? { policy: senderPolicy } : {}),
    },
    rules: { side: 'salesforce', script: 'fake' },
    runRules: mapping,
    policy: DEFAULT_SYNC_POLICY,
    now: NOW,
    ...rest,
  });
}

function applied(decision: IncomingDecision) {
  if (decision.kind !== 'apply') throw new Error(`expected an apply, got ${JSON.stringify(decision)}`);
  return decision;
}

describe('planIncomingApply', () => {
  describe('what it drops', () => {
    it('drops a replica whose seq is not newer than the last applied, saying so', () => {
      expect(plan({ replica: replicaOf({ seq: 1 }) })).toEqual({
        kind: 'drop',
        reason: 'stale',
        message: 'Dropped replica seq 1 of jira issue SUP-1: seq 1 is already applied.',
      });
    });

    it('drops an older replica that arrives after a newer one', () => {
      expect(plan({ link: syncedLink({ seq: 7 }), replica: replicaOf({ seq: 5 }) })).toMatchObject({
        kind: 'drop',
        reason: 'stale',
      });
    });

    it('drops every replica of an unlinked pair', () => {
      expect(plan({ link: { ...syncedLink(), state: 'unlinked' } })).toMatchObject({
        kind: 'drop',
        reason: 'unlinked',
      });
    });
  });

  describe('first sync', () => {
    it('plans creating the entity with every field and every comment when there is no local entity', () => {
      const replica = replicaOf({ comments: [commentOf('c1', '<p>hi</p>')] });
      const decision = applied(plan({ link: null, previous: null, local: null, replica }));
      expect(decision.firstSync).toBe(true);
      expect(decision.plan).toEqual({
        target: null,
        // Sorted by path (comparePaths), not in the order the rules assigned them.
        fields: [
          { path: ['Status'], value: 'To Do' },
          { path: ['Subject'], value: 'Printer on fire' },
        ],
        comments: { add: [{ remoteId: 'c1', value: commentOf('c1', '<p>hi</p>') }], update: [], remove: [] },
        attachments: { add: [], update: [], remove: [] },
      });
      expect(decision.conflicts).toEqual([]);
    });

    it('tells the rules it is the first sync and gives them no previous', () => {
      const seen: RuleInputs[] = [];
      const spy = fakeRulesEngine({ incoming: (inputs) => (seen.push(inputs), {}) });
      plan({ link: null, previous: null, local: null, runRules: spy });
      expect(seen).toHaveLength(1);
      expect(seen[0]).toMatchObject({ firstSync: true, previous: null, entity: {}, now: NOW });
    });

    it('writes onto an existing entity every field that differs, and no field that already matches', () => {
      const decision = applied(
        plan({ link: null, previous: null, local: caseOf({ Subject: 'Printer on fire', Status: 'New' }) }),
      );
      expect(decision.plan.target).toEqual(SALESFORCE_CASE);
      expect(decision.plan.fields).toEqual([{ path: ['Status'], value: 'To Do' }]);
    });

    it('records no conflict on first sync, local values differ as they may', () => {
      const decision = applied(
        plan({ link: null, previous: null, local: caseOf({ Subject: 'Mine', Status: 'Mine' }) }),
      );
      expect(decision.conflicts).toEqual([]);
      expect(decision.plan.fields).toHaveLength(2);
    });
  });

  describe('three-way apply', () => {
    it('writes a field the remote changed and the local side did not', () => {
      const decision = applied(plan({ replica: replicaOf({ seq: 2, summary: 'Printer fixed' }) }));
      expect(decision.plan.fields).toEqual([{ path: ['Subject'], value: 'Printer fixed' }]);
      expect(decision.conflicts).toEqual([]);
    });

    it('leaves alone a field the remote did not change, so a local edit to it survives', () => {
      const local = caseOf({ Subject: 'Edited here', Status: 'To Do' });
      const decision = applied(plan({ local, replica: replicaOf({ seq: 2, status: { name: 'Done' } }) }));
      expect(decision.plan.fields).toEqual([{ path: ['Status'], value: 'Done' }]);
    });

    it('plans nothing when a newer replica changes nothing the rules map', () => {
      const decision = applied(plan({ replica: replicaOf({ seq: 2, labels: ['new-label'] }) }));
      expect(decision.plan.fields).toEqual([]);
    });

    it('calls it agreement, not conflict, when both sides changed a field to the same value', () => {
      const local = caseOf({ Subject: 'Printer fixed', Status: 'To Do' });
      const decision = applied(plan({ local, replica: replicaOf({ seq: 2, summary: 'Printer fixed' }) }));
      expect(decision.plan.fields).toEqual([]);
      expect(decision.conflicts).toEqual([]);
      expect(decision.next.incoming.baseline[1]).toEqual({
        path: ['Subject'],
        value: 'Printer fixed',
        sentSeq: 0,
      });
    });

    it('writes a remote change and records the conflict when both sides changed a field under remote-wins', () => {
      const local = caseOf({ Subject: 'Edited here', Status: 'To Do' });
      const decision = applied(plan({ local, replica: replicaOf({ seq: 2, summary: 'Edited there' }) }));
      expect(decision.plan.fields).toEqual([{ path: ['Subject'], value: 'Edited there' }]);
      expect(decision.conflicts).toEqual([
        {
          path: ['Subject'],
          local: 'Edited here',
          remote: 'Edited there',
          base: 'Printer on fire',
          policy: 'remote-wins',
          winner: 'remote',
        },
      ]);
    });

    it('keeps the local value, records the conflict and leaves the baseline under local-wins', () => {
      const local = caseOf({ Subject: 'Edited here', Status: 'To Do' });
      const decision = applied(
        plan({
          local,
          replica: replicaOf({ seq: 2, summary: 'Edited there' }),
          policy: { ...DEFAULT_SYNC_POLICY, conflict: 'local-wins' },
        }),
      );
      expect(decision.plan.fields).toEqual([]);
      expect(decision.conflicts).toMatchObject([
        { path: ['Subject'], winner: 'local', policy: 'local-wins' },
      ]);
      expect(decision.next.incoming.baseline[1]).toEqual({
        path: ['Subject'],
        value: 'Printer on fire',
        sentSeq: 0,
      });
    });

    it('lets the side that changed last win under newest-wins', () => {
      const newest = { ...DEFAULT_SYNC_POLICY, conflict: 'newest-wins' as const };
      const replica = replicaOf({ seq: 2, summary: 'Edited there', updated: '2026-11-20T09:30:00.000Z' });
      const olderLocal = caseOf(
        { Subject: 'Edited here', Status: 'To Do' },
        { modifiedAt: '2026-11-20T09:10:00.000Z' },
      );
      const newerLocal = caseOf(
        { Subject: 'Edited here', Status: 'To Do' },
        { modifiedAt: '2026-11-20T09:50:00.000Z' },
      );
      expect(applied(plan({ policy: newest, replica, local: olderLocal })).conflicts[0]?.winner).toBe(
        'remote',
      );
      expect(applied(plan({ policy: newest, replica, local: newerLocal })).conflicts[0]?.winner).toBe(
        'local',
      );
    });

    describe('when the sender has the same remote-wins or local-wins policy', () => {
      const replica = replicaOf({ seq: 2, summary: 'Edited there', updated: '2026-11-20T09:30:00.000Z' });
      const olderLocal = caseOf(
        { Subject: 'Edited here', Status: 'To Do' },
        { modifiedAt: '2026-11-20T09:10:00.000Z' },
      );
      const newerLocal = caseOf(
        { Subject: 'Edited here', Status: 'To Do' },
        { modifiedAt: '2026-11-20T09:50:00.000Z' },
      );

      it.each(['remote-wins', 'local-wins'] as const)(
        'settles a conflict by newest-wins when both sides are %s, and says so',
        (own) => {
          const policy = { ...DEFAULT_SYNC_POLICY, conflict: own };
          const remoteNewer = applied(plan({ policy, senderPolicy: own, replica, local: olderLocal }));
          expect(remoteNewer.plan.fields).toEqual([{ path: ['Subject'], value: 'Edited there' }]);
          expect(remoteNewer.conflicts).toEqual([
            {
              path: ['Subject'],
              local: 'Edited here',
              remote: 'Edited there',
              base: 'Printer on fire',
              policy: own,
              winner: 'remote',
              resolvedBy: 'newest-wins',
              reason: `both sides are ${own}`,
            },
          ]);
          const localNewer = applied(plan({ policy, senderPolicy: own, replica, local: newerLocal }));
          expect(localNewer.plan.fields).toEqual([]);
          expect(localNewer.conflicts).toMatchObject([{ winner: 'local', resolvedBy: 'newest-wins' }]);
        },
      );

      it('keeps its own policy when the sender is the other half of a master pair', () => {
        const asRemoteWins = applied(plan({ senderPolicy: 'local-wins', replica, local: newerLocal }));
        expect(asRemoteWins.conflicts).toEqual([
          {
            path: ['Subject'],
            local: 'Edited here',
            remote: 'Edited there',
            base: 'Printer on fire',
            policy: 'remote-wins',
            winner: 'remote',
          },
        ]);
        const localWins = { ...DEFAULT_SYNC_POLICY, conflict: 'local-wins' as const };
        expect(
          applied(plan({ policy: localWins, senderPolicy: 'remote-wins', replica, local: olderLocal }))
            .conflicts,
        ).toEqual([expect.not.objectContaining({ resolvedBy: expect.anything() })]);
      });

      it("keeps its own policy when the sender's policy is unknown", () => {
        expect(applied(plan({ replica, local: newerLocal })).conflicts).toEqual([
          expect.objectContaining({ policy: 'remote-wins', winner: 'remote' }),
        ]);
        expect(applied(plan({ replica, local: newerLocal })).conflicts[0]).not.toHaveProperty('resolvedBy');
      });
    });

    it('writes without conflict a field it has no baseline for', () => {
      const local = caseOf({ Subject: 'Edited here', Status: 'To Do' });
      const decision = applied(
        plan({ local, link: syncedLink({ baseline: [] }), replica: replicaOf({ seq: 2, summary: 'X' }) }),
      );
      expect(decision.conflicts).toEqual([]);
      expect(decision.plan.fields).toEqual([{ path: ['Subject'], value: 'X' }]);
    });

    it('judges against the agreed value when the rules fail on previous', () => {
      let runs = 0;
      const failsOnPrevious = fakeRulesEngine({
        incoming: ({ replica }) =>
          ++runs % 2 === 0
            ? { error: { code: 'type-error', message: 'boom', line: 1, column: 1 } }
            : { Subject: (replica as unknown as Replica).summary },
      });
      const local = caseOf({ Subject: 'Edited here' });
      const unchanged = applied(plan({ runRules: failsOnPrevious, local }));
      expect(unchanged.plan.fields).toEqual([]);
      const changed = applied(
        plan({ runRules: failsOnPrevious, local, replica: replicaOf({ seq: 2, summary: 'X' }) }),
      );
      expect(changed.conflicts).toMatchObject([
        { path: ['Subject'], local: 'Edited here', remote: 'X', base: 'Printer on fire' },
      ]);
    });

    it('judges a path the rules did not write from previous against the agreed value', () => {
      const onlyNow = fakeRulesEngine({
        incoming: ({ replica }) => {
          const r = replica as unknown as Replica;
          return r.seq === 1 ? {} : { Subject: r.summary };
        },
      });
      const local = caseOf({ Subject: 'Edited here' });
      expect(applied(plan({ runRules: onlyNow, local })).plan.fields).toEqual([]);
    });

    it('takes the last write to a path, at the place of its first write', () => {
      const twice = fakeRulesEngine({
        incoming: () => [
          { path: ['Subject'], value: 'first' },
          { path: ['Status'], value: 'To Do' },
          { path: ['Subject'], value: 'second' },
        ],
      });
      const decision = applied(plan({ runRules: twice, link: null, previous: null }));
      expect(decision.plan.fields).toEqual([{ path: ['Subject'], value: 'second' }]);
    });

    it('compares nested paths by their value in the local view', () => {
      const nested = fakeRulesEngine({
        incoming: ({ replica }) => [
          { path: ['customFields', 'Region'], value: (replica as unknown as Replica).custom.Region },
        ],
      });
      const local = caseOf({ customFields: { Region: 'EMEA' } });
      const same = applied(
        plan({
          runRules: nested,
          local,
          link: null,
          previous: null,
          replica: replicaOf({ custom: { Region: 'EMEA' } }),
        }),
      );
      const other = applied(
        plan({
          runRules: nested,
          local,
          link: null,
          previous: null,
          replica: replicaOf({ custom: { Region: 'APAC' } }),
        }),
      );
      expect(same.plan.fields).toEqual([]);
      expect(other.plan.fields).toEqual([{ path: ['customFields', 'Region'], value: 'APAC' }]);
    });

    it('treats a name written for a named value as equal to the named object read back', () => {
      const local = caseOf({ Subject: 'Printer on fire', Status: { name: 'Done', category: 'done' } });
      const decision = applied(
        plan({ local, link: null, previous: null, replica: replicaOf({ status: { name: 'Done' } }) }),
      );
      expect(decision.plan.fields).toEqual([]);
    });
  });

  describe('echoes of our own changes', () => {
    /** We sent seq 3 with Subject "Ours"; the remote has not acknowledged it yet. */
    function linkAwaitingAck(): Link {
      const link = syncedLink();
      return {
        ...link,
        outgoing: {
          seq: 3,
          lastSentHash: 'sent-3',
          unacked: [
            { seq: 2, applied: 0, view: { Subject: 'Older', Status: 'To Do' } },
            { seq: 3, applied: 0, view: { Subject: 'Ours', Status: 'To Do' } },
          ],
          delivered: 0,
          fields: {},
        },
      };
    }

    it('recognises our own long value shown back although its snapshot keeps only a digest', () => {
      const long = `Printer on fire ${'x'.repeat(40_000)}`;
      const link = linkAwaitingAck();
      const snapshot = { seq: 3, applied: 0, view: snapshotView({ Subject: long, Status: 'To Do' }, null) };
      const decision = applied(
        plan({
          link: { ...link, outgoing: { ...link.outgoing, unacked: [snapshot] } },
          local: caseOf({ Subject: long, Status: 'To Do' }),
          applied: 3,
          replica: replicaOf({ seq: 2, summary: long }),
        }),
      );
      expect(JSON.stringify(snapshot).length).toBeLessThan(200);
      expect(decision.plan.fields).toEqual([]);
      expect(decision.next.incoming.baseline).toContainEqual({ path: ['Subject'], value: long, sentSeq: 3 });
    });

    it('does not treat our own value shown back by an acknowledging replica as a remote change', () => {
      const local = caseOf({ Subject: 'Ours', Status: 'To Do' });
      const decision = applied(
        plan({ link: linkAwaitingAck(), local, applied: 3, replica: replicaOf({ seq: 2, summary: 'Ours' }) }),
      );
      expect(decision.plan.fields).toEqual([]);
      expect(decision.conflicts).toEqual([]);
    });

    it('keeps a newer local edit instead of reverting it to the acknowledged older value', () => {
      const local = caseOf({ Subject: 'Ours, edited again', Status: 'To Do' });
      const decision = applied(
        plan({ link: linkAwaitingAck(), local, applied: 3, replica: replicaOf({ seq: 2, summary: 'Ours' }) }),
      );
      expect(decision.plan.fields).toEqual([]);
      expect(decision.conflicts).toEqual([]);
      expect(decision.next.incoming.baseline[1]).toEqual({ path: ['Subject'], value: 'Ours', sentSeq: 3 });
    });

    it('writes a remote change made after the remote applied our value, without conflict', () => {
      const local = caseOf({ Subject: 'Ours', Status: 'To Do' });
      const decision = applied(
        plan({
          link: linkAwaitingAck(),
          local,
          applied: 3,
          replica: replicaOf({ seq: 2, summary: 'Theirs' }),
        }),
      );
      expect(decision.plan.fields).toEqual([{ path: ['Subject'], value: 'Theirs' }]);
      expect(decision.conflicts).toEqual([]);
    });

    it('sees a conflict when we changed the field again after the acknowledged seq and the remote changed it too', () => {
      const local = caseOf({ Subject: 'Ours, edited again', Status: 'To Do' });
      const decision = applied(
        plan({
          link: linkAwaitingAck(),
          local,
          applied: 3,
          replica: replicaOf({ seq: 2, summary: 'Theirs' }),
        }),
      );
      expect(decision.conflicts).toMatchObject([
        { path: ['Subject'], local: 'Ours, edited again', remote: 'Theirs', base: 'Ours' },
      ]);
    });

    it('records the acknowledgement and forgets the snapshots it covers', () => {
      const decision = applied(plan({ link: linkAwaitingAck(), applied: 2, replica: replicaOf({ seq: 2 }) }));
      expect(decision.next.incoming.acked).toBe(2);
      expect(decision.next.outgoing.unacked).toEqual([
        { seq: 3, applied: 0, view: { Subject: 'Ours', Status: 'To Do' } },
      ]);
    });

    it('ignores an acknowledgement of a seq we never sent', () => {
      const decision = applied(plan({ link: linkAwaitingAck(), applied: 9 }));
      expect(decision.next.incoming.acked).toBe(0);
      expect(decision.next.outgoing.unacked).toHaveLength(2);
    });

    it('prefers an agreement recorded after the acknowledged seq was sent to that seq snapshot', () => {
      const link = linkAwaitingAck();
      link.incoming.baseline = [{ path: ['Subject'], value: 'Agreed later', sentSeq: 3 }];
      const local = caseOf({ Subject: 'Agreed later', Status: 'To Do' });
      const decision = applied(
        plan({ link, local, applied: 3, replica: replicaOf({ seq: 2, summary: 'Theirs' }) }),
      );
      expect(decision.conflicts).toEqual([]);
      expect(decision.plan.fields).toEqual([{ path: ['Subject'], value: 'Theirs' }]);
    });
  });

  describe('the link afterwards', () => {
    it('advances the applied seq, learns the remote entity and stamps the sync time', () => {
      const remote = { ...JIRA_ISSUE, url: 'https://example.atlassian.net/browse/SUP-1' };
      const decision = applied(
        plan({
          link: createLink('conn-1', SALESFORCE_CASE),
          previous: null,
          replica: replicaOf({ seq: 4, entity: remote }),
        }),
      );
      expect(decision.next).toMatchObject({
        local: SALESFORCE_CASE,
        remote,
        state: 'active',
        lastSyncAt: NOW,
      });
      expect(decision.next.incoming.seq).toBe(4);
    });

    it('records the written values as the new baseline', () => {
      const decision = applied(plan({ replica: replicaOf({ seq: 2, summary: 'Printer fixed' }) }));
      expect(decision.next.incoming.baseline).toEqual([
        { path: ['Status'], value: 'To Do', sentSeq: 0 },
        { path: ['Subject'], value: 'Printer fixed', sentSeq: 0 },
      ]);
    });

    it('keeps the comment pairs and leaves adds to be paired on commit', () => {
      const link = { ...syncedLink(), comments: [{ remote: 'c1', local: 'L1' }] };
      const previous = replicaOf({ comments: [commentOf('c1', 'one')] });
      const replica = replicaOf({ seq: 2, comments: [commentOf('c1', 'one'), commentOf('c2', 'two')] });
      const decision = applied(plan({ link, previous, replica }));
      expect(decision.plan.comments.add).toEqual([{ remoteId: 'c2', value: commentOf('c2', 'two') }]);
      expect(decision.next.comments).toEqual([{ remote: 'c1', local: 'L1' }]);
    });

    it('removes copies of deleted comments only when the policy propagates deletes', () => {
      const link = { ...syncedLink(), comments: [{ remote: 'c1', local: 'L1' }] };
      const previous = replicaOf({ comments: [commentOf('c1', 'one')] });
      const replica = replicaOf({ seq: 2, comments: [] });
      const propagate = { ...DEFAULT_SYNC_POLICY, deletes: { comments: true, attachments: false } };
      expect(applied(plan({ link, previous, replica })).plan.comments.remove).toEqual([]);
      expect(applied(plan({ link, previous, replica, policy: propagate })).plan.comments.remove).toEqual([
        { remoteId: 'c1', localId: 'L1' },
      ]);
    });

    it('removes no copy of a comment a trimmed replica left out, even when deletes propagate', () => {
      const link = { ...syncedLink(), comments: [{ remote: 'c1', local: 'L1' }] };
      const previous = replicaOf({ comments: [commentOf('c1', 'one')] });
      const replica = replicaOf({ seq: 2, comments: [commentOf('c2', 'two')] });
      const propagate = { ...DEFAULT_SYNC_POLICY, deletes: { comments: true, attachments: true } };
      const message = {
        kind: 'replica' as const,
        replica,
        target: SALESFORCE_CASE,
        applied: 0,
        trimmed: { comments: { sent: 1, total: 2 }, attachments: { sent: 0, total: 0 } },
      };
      const decision = applied(plan({ link, previous, message, policy: propagate }));
      expect(decision.plan.comments).toEqual({
        add: [{ remoteId: 'c2', value: commentOf('c2', 'two') }],
        update: [],
        remove: [],
      });
      expect(decision.next.comments).toEqual([{ remote: 'c1', local: 'L1' }]);
    });
  });

  describe('failures', () => {
    it('fails with the location when the incoming rules fail', () => {
      const failing = fakeRulesEngine({
        incoming: () => ({ error: { code: 'step-limit', message: 'too many steps', line: 3, column: 7 } }),
      });
      expect(plan({ runRules: failing })).toEqual({
        kind: 'fail',
        error: {
          code: 'rule-error',
          message: 'The incoming rules failed at line 3, column 7: too many steps (step-limit).',
        },
      });
    });

    it('fails with rule-output when the rules assign comments that are not a list', () => {
      const bad = fakeRulesEngine({ incoming: () => ({ comments: 'all of them' }) });
      expect(plan({ runRules: bad })).toMatchObject({ kind: 'fail', error: { code: 'rule-output' } });
    });

    it('fails with local-missing when the linked local entity is gone', () => {
      expect(plan({ local: null })).toMatchObject({ kind: 'fail', error: { code: 'local-missing' } });
    });

    it('fails with link-mismatch when the local entity is linked to another remote entity', () => {
      const other = { platform: 'jira', type: 'issue', id: '10002', key: 'SUP-2' };
      expect(plan({ replica: replicaOf({ seq: 2, entity: other }) })).toMatchObject({
        kind: 'fail',
        error: { code: 'link-mismatch' },
      });
    });

    it('fails with link-mismatch when the sender names a local entity other than the one it is linked to, where it used to write to the linked one', () => {
      const decision = plan({
        message: {
          kind: 'replica',
          replica: replicaOf({ seq: 2, summary: 'to the other Case' }),
          target: { platform: 'salesforce', type: 'Case', id: '500B' },
          applied: 0,
        },
      });
      expect(decision).toEqual({
        kind: 'fail',
        error: {
          code: 'link-mismatch',
          message:
            'jira issue SUP-1 is linked here to salesforce Case 500A, but its replica names salesforce Case 500B; nothing was written to either. Unlink the pair on one side, then sync again.',
        },
      });
    });

    it('fails with rule-output when the incoming rules write a value nested 3,000 levels deep, instead of overflowing the stack', () => {
      let deep: unknown = 'bottom';
      for (let i = 0; i < 3000; i++) deep = { inner: deep };
      const runRules = fakeRulesEngine({ incoming: () => ({ Subject: 'ok', Tier: deep }) });
      expect(plan({ runRules })).toEqual({
        kind: 'fail',
        error: {
          code: 'rule-output',
          message: `The incoming rules wrote a value nested more than 256 levels deep to Tier (at /${'inner/'.repeat(255)}inner), which cannot be applied; fix the incoming rules, then retry.`,
        },
      });
    });

    it('fails with rule-output when the incoming rules write a cycle', () => {
      const cyclic: Record<string, unknown> = {};
      cyclic.self = cyclic;
      const runRules = fakeRulesEngine({ incoming: () => ({ Tier: cyclic }) });
      expect(plan({ runRules })).toMatchObject({ kind: 'fail', error: { code: 'rule-output' } });
    });
  });
});
