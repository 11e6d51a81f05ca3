import type { Replica } from '../../replica';
import { applyIncomingReplica } from './apply-incoming-replica';
import type { ReplicaMessage } from '../model/sync-message';
import { syncFailure } from '../model/sync-failure';
import { syncLocalChange } from '../outgoing/sync-local-change';
import { commentOf, replicaOf, SALESFORCE_CASE } from '../testing/fixtures';
import { createTestNode, seedEntity, type TestNode } from '../testing/test-node';

/** Jira receives replicas of Salesforce Case 500A. */
function jira(): TestNode {
  return createTestNode({ platform: 'jira', type: 'issue' });
}

function fromCase(
  overrides: Partial<Replica>,
  target: ReplicaMessage['target'] = null,
  applied = 0,
): ReplicaMessage {
  return { kind: 'replica', replica: replicaOf({ entity: SALESFORCE_CASE, ...overrides }), target, applied };
}

const ISSUE = { platform: 'jira', type: 'issue', id: 'issue-1' };

describe('applyIncomingReplica', () => {
  it('creates the local entity on first contact, links it and stores the replica as previous', async () => {
    const node = jira();
    const message = fromCase({ summary: 'Printer on fire', comments: [commentOf('00a1', 'Smoke')] });
    const result = await applyIncomingReplica(node.engine.context, message);
    expect(result).toMatchObject({ kind: 'applied', created: true });
    expect((await node.entities.read(ISSUE))?.view).toEqual({
      title: 'Printer on fire',
      state: 'To Do',
      comments: [{ id: 'issue-copy-1', body: 'Smoke' }],
    });
    const link = await node.links.get('conn-1', ISSUE);
    expect(link).toMatchObject({
      remote: SALESFORCE_CASE,
      incoming: { seq: 1 },
      comments: [{ remote: '00a1', local: 'issue-copy-1' }],
    });
    if (!link) throw new Error('no link');
    expect(await node.links.loadPrevious(link)).toEqual(message.replica);
  });

  it('answers a first contact with its own replica, so the sender learns the pair', async () => {
    const node = jira();
    await applyIncomingReplica(node.engine.context, fromCase({}));
    const reply = await node.outbox.get('conn-1:issue:issue-1');
    expect(reply?.message).toMatchObject({
      kind: 'replica',
      target: SALESFORCE_CASE,
      applied: 1,
      replica: { seq: 1, comments: [] },
    });
  });

  it('applies to the entity the sender names when this side has no link for it yet', async () => {
    const node = jira();
    const ref = seedEntity(node, 'issue-9', { title: 'Old', state: 'To Do' });
    const result = await applyIncomingReplica(node.engine.context, fromCase({ summary: 'New' }, ref));
    expect(result).toMatchObject({ kind: 'applied', created: false });
    expect((await node.entities.read(ref))?.view.title).toBe('New');
    expect(await node.links.get('conn-1', ref)).toMatchObject({ remote: SALESFORCE_CASE });
  });

  it('stores the echo of an apply as last sent instead of sending it back', async () => {
    const node = jira();
    await applyIncomingReplica(node.engine.context, fromCase({ seq: 1 }));
    node.outbox.items.clear();
    await applyIncomingReplica(
      node.engine.context,
      fromCase({ seq: 2, summary: 'Edited in Salesforce' }, ISSUE, 1),
    );
    expect(await node.outbox.get('conn-1:issue:issue-1')).toBeNull();
    expect(node.log.entries.map((entry) => entry.kind)).toContain('echo-suppressed');
    expect(await syncLocalChange(node.engine.context, ISSUE)).toEqual({ kind: 'unchanged' });
  });

  it('brings a replica still waiting in the outbox up to the state after an apply it does not send back', async () => {
    const node = jira();
    await applyIncomingReplica(node.engine.context, fromCase({ seq: 1 }));
    const waiting = await node.outbox.get('conn-1:issue:issue-1');
    await applyIncomingReplica(
      node.engine.context,
      fromCase({ seq: 2, summary: 'Edited in Salesforce' }, ISSUE, 1),
    );

    const refreshed = await node.outbox.get('conn-1:issue:issue-1');
    expect(node.log.entries.map((entry) => entry.kind)).toContain('echo-suppressed');
    expect(refreshed?.message).toMatchObject({
      kind: 'replica',
      target: SALESFORCE_CASE,
      applied: 2,
      replica: { seq: 1, summary: 'Edited in Salesforce' },
    });
    expect(refreshed?.id).not.toBe(waiting?.id);
    expect(await syncLocalChange(node.engine.context, ISSUE)).toEqual({ kind: 'unchanged' });
  });

  it('sends after the apply when local changes were still unsent, so they are not swallowed', async () => {
    const node = jira();
    await applyIncomingReplica(node.engine.context, fromCase({ seq: 1 }));
    node.outbox.items.clear();
    node.entities.edit(ISSUE, { state: 'In Progress' });
    await applyIncomingReplica(
      node.engine.context,
      fromCase({ seq: 2, summary: 'Edited in Salesforce' }, ISSUE, 1),
    );
    const item = await node.outbox.get('conn-1:issue:issue-1');
    expect(item?.message).toMatchObject({
      replica: { summary: 'Edited in Salesforce', status: { name: 'In Progress' } },
    });
  });

  it('drops a stale replica and says so in the log', async () => {
    const node = jira();
    await applyIncomingReplica(node.engine.context, fromCase({ seq: 3 }));
    const result = await applyIncomingReplica(
      node.engine.context,
      fromCase({ seq: 2, summary: 'older' }, ISSUE),
    );
    expect(result).toMatchObject({ kind: 'dropped', reason: 'stale' });
    expect(node.log.entries.at(-1)).toMatchObject({
      kind: 'dropped',
      message: 'Dropped replica seq 2 of salesforce Case 500A: seq 3 is already applied.',
    });
  });

  it('logs each conflict with both values', async () => {
    const node = jira();
    await applyIncomingReplica(node.engine.context, fromCase({ seq: 1, summary: 'Base' }));
    node.entities.edit(ISSUE, { title: 'Jira edit' });
    const result = await applyIncomingReplica(
      node.engine.context,
      fromCase({ seq: 2, summary: 'Salesforce edit' }, ISSUE, 1),
    );
    expect(result).toMatchObject({ kind: 'applied', conflicts: [{ path: ['title'], winner: 'remote' }] });
    expect(node.log.entries.find((entry) => entry.kind === 'conflict')).toMatchObject({
      message: 'Both sides changed title; kept the remote value (remote-wins).',
      details: { local: 'Jira edit', remote: 'Salesforce edit', base: 'Base' },
    });
  });

  it('logs a conflict settled by newest-wins because both sides are remote-wins', async () => {
    const node = jira();
    await applyIncomingReplica(node.engine.context, fromCase({ seq: 1, summary: 'Base' }));
    node.entities.edit(ISSUE, { title: 'Jira edit' });
    const result = await applyIncomingReplica(node.engine.context, {
      ...fromCase({ seq: 2, summary: 'Salesforce edit' }, ISSUE, 1),
      policy: 'remote-wins',
    });
    expect(result).toMatchObject({
      kind: 'applied',
      conflicts: [{ path: ['title'], policy: 'remote-wins', resolvedBy: 'newest-wins' }],
    });
    expect(node.log.entries.find((entry) => entry.kind === 'conflict')).toMatchObject({
      message: expect.stringMatching(
        /^Both sides changed title; kept the (local|remote) value \(newest-wins, because both sides are remote-wins\)\.$/,
      ),
      details: { resolvedBy: 'newest-wins', reason: 'both sides are remote-wins' },
    });
  });

  it('remembers the copies a failed apply created, so the retry does not add them again', async () => {
    const node = jira();
    await applyIncomingReplica(node.engine.context, fromCase({ seq: 1 }));
    const replica = { seq: 2, comments: [commentOf('c1', 'one'), commentOf('c2', 'two')] };
    node.entities.failNextApply(syncFailure('http', 'Service unavailable', { status: 503 }), 1);
    expect(await applyIncomingReplica(node.engine.context, fromCase(replica, ISSUE, 1))).toMatchObject({
      kind: 'failed',
    });
    await applyIncomingReplica(node.engine.context, fromCase(replica, ISSUE, 1));
    const comments = (await node.entities.read(ISSUE))?.view.comments;
    expect(comments).toEqual([
      { id: 'issue-copy-1', body: 'one' },
      { id: 'issue-copy-2', body: 'two' },
    ]);
  });

  it('does not create the entity twice when the first apply failed after creating it', async () => {
    const node = jira();
    node.entities.failNextApply(syncFailure('timeout', 'Jira took too long'));
    await applyIncomingReplica(node.engine.context, fromCase({ seq: 1 }));
    await applyIncomingReplica(node.engine.context, fromCase({ seq: 1 }));
    expect(node.entities.entities.size).toBe(1);
    expect((await node.entities.read(ISSUE))?.view.title).toBe('Printer on fire');
  });

  it('fails with local-missing when the entity the sender names does not exist here', async () => {
    const node = jira();
    const result = await applyIncomingReplica(
      node.engine.context,
      fromCase({}, { platform: 'jira', type: 'issue', id: 'gone' }),
    );
    expect(result).toMatchObject({ kind: 'failed', error: { code: 'local-missing' } });
    expect(node.entities.entities.size).toBe(0);
  });
});
