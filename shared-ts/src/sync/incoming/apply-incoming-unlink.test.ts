import { applyIncomingReplica } from './apply-incoming-replica';
import { applyIncomingUnlink } from './apply-incoming-unlink';
import { replicaOf, SALESFORCE_CASE } from '../testing/fixtures';
import { createTestNode } from '../testing/test-node';

const ISSUE = { platform: 'jira', type: 'issue', id: 'issue-1' };

async function linkedJira() {
  const node = createTestNode({ platform: 'jira', type: 'issue' });
  await applyIncomingReplica(node.engine.context, {
    kind: 'replica',
    replica: replicaOf({ entity: SALESFORCE_CASE }),
    target: null,
    applied: 0,
  });
  return node;
}

describe('applyIncomingUnlink', () => {
  it('stops syncing the pair, drops what waited to be sent and keeps the data', async () => {
    const node = await linkedJira();
    expect(node.outbox.items.size).toBe(1);
    const result = await applyIncomingUnlink(node.engine.context, {
      kind: 'unlink',
      entity: SALESFORCE_CASE,
      target: ISSUE,
      reason: 'Unlinked by ana@acme.example',
    });
    expect(result).toEqual({ kind: 'unlinked' });
    expect((await node.links.get('conn-1', ISSUE))?.state).toBe('unlinked');
    expect(node.outbox.items.size).toBe(0);
    expect((await node.entities.read(ISSUE))?.view.title).toBe('Printer on fire');
    expect(node.log.entries.at(-1)?.message).toBe(
      'salesforce Case 500A was unlinked on the other side; jira issue issue-1 no longer syncs and keeps its data. Reason: Unlinked by ana@acme.example',
    );
  });

  it('drops every later replica of the pair', async () => {
    const node = await linkedJira();
    await applyIncomingUnlink(node.engine.context, {
      kind: 'unlink',
      entity: SALESFORCE_CASE,
      target: ISSUE,
      reason: null,
    });
    const later = await applyIncomingReplica(node.engine.context, {
      kind: 'replica',
      replica: replicaOf({ entity: SALESFORCE_CASE, seq: 2, summary: 'after unlink' }),
      target: ISSUE,
      applied: 1,
    });
    expect(later).toMatchObject({ kind: 'dropped', reason: 'unlinked' });
  });

  it('ignores an unlink for a pair it does not know, and says so', async () => {
    const node = createTestNode({ platform: 'jira', type: 'issue' });
    expect(
      await applyIncomingUnlink(node.engine.context, {
        kind: 'unlink',
        entity: SALESFORCE_CASE,
        target: null,
        reason: null,
      }),
    ).toMatchObject({
      kind: 'dropped',
      reason: 'unknown',
    });
    expect(node.log.entries.at(-1)?.message).toBe(
      'Ignored unlink of salesforce Case 500A: no such pair here.',
    );
  });
});
