import type { EntityRef } from '../../replica';
import { createSyncEngine } from './create-sync-engine';
import { DEFAULT_RETRY_POLICY } from '../queue/retry-policy';
import { DEFAULT_SYNC_POLICY } from '../model/sync-policy';
import { ManualClock } from '../testing/in-memory-ports';
import { createTestNode, seedEntity, type TestNode } from '../testing/test-node';

/** Salesforce and Jira nodes whose transports deliver straight into each other's inbox. */
function connectedPair(
  policies: { salesforce?: 'remote-wins' | 'local-wins'; jira?: 'remote-wins' | 'local-wins' } = {},
) {
  const clock = new ManualClock();
  const policy = (conflict: 'remote-wins' | 'local-wins' = 'remote-wins') => ({
    ...DEFAULT_SYNC_POLICY,
    conflict,
  });
  const salesforce = createTestNode({
    platform: 'salesforce',
    type: 'Case',
    clock,
    policy: policy(policies.salesforce),
  });
  const jira = createTestNode({ platform: 'jira', type: 'issue', clock, policy: policy(policies.jira) });
  salesforce.transport.deliverTo = (message) => jira.engine.receive(message);
  jira.transport.deliverTo = (message) => salesforce.engine.receive(message);
  return { salesforce, jira };
}

/** Runs both nodes until no queue holds anything. */
async function settle(...nodes: TestNode[]): Promise<void> {
  for (let round = 0; round < 20; round++) {
    for (const node of nodes) {
      await node.engine.deliverOutbox();
      for (const other of nodes) await other.engine.processInbox();
    }
    if (nodes.every((node) => node.outbox.items.size === 0 && node.inbox.items.size === 0)) return;
  }
  throw new Error('the nodes did not settle');
}

async function view(node: TestNode, ref: EntityRef) {
  return (await node.entities.read(ref))?.view;
}

const ISSUE = { platform: 'jira', type: 'issue', id: 'issue-1' };

describe('createSyncEngine', () => {
  it('applies the default policies when none are given', () => {
    const node = createTestNode({ platform: 'jira', type: 'issue' });
    const engine = createSyncEngine(
      { connectionId: 'c', side: 'jira', rules: { incoming: '', outgoing: '' } },
      node.engine.context.deps,
    );
    expect(engine.context.config).toMatchObject({
      policy: DEFAULT_SYNC_POLICY,
      retry: DEFAULT_RETRY_POLICY,
      batchSize: 50,
      connection: {},
    });
  });

  describe('two engines wired together', () => {
    it('creates the pair, brings a change back and duplicates no comment either way', async () => {
      const { salesforce, jira } = connectedPair();
      const caseRef = seedEntity(salesforce, '500A', { title: 'Printer on fire', state: 'New' });
      salesforce.entities.addComment(caseRef, { body: 'Customer called' });
      await salesforce.engine.syncLocalChange(caseRef);
      await settle(salesforce, jira);
      expect(await view(jira, ISSUE)).toMatchObject({
        title: 'Printer on fire',
        state: 'New',
        comments: [{ body: 'Customer called' }],
      });

      jira.entities.edit(ISSUE, { state: 'In Progress' });
      jira.entities.addComment(ISSUE, { body: 'Looking into it' });
      await jira.engine.syncLocalChange(ISSUE);
      await settle(salesforce, jira);
      expect(await view(salesforce, caseRef)).toMatchObject({
        title: 'Printer on fire',
        state: 'In Progress',
        comments: [{ body: 'Customer called' }, { body: 'Looking into it' }],
      });
      expect(await view(jira, ISSUE)).toMatchObject({
        comments: [{ body: 'Customer called' }, { body: 'Looking into it' }],
      });
    });

    it('sends nothing back after an apply (no echo)', async () => {
      const { salesforce, jira } = connectedPair();
      const caseRef = seedEntity(salesforce, '500A', { title: 'one' });
      await salesforce.engine.syncLocalChange(caseRef);
      await settle(salesforce, jira);
      const sentBySalesforce = salesforce.transport.sent.length;
      const sentByJira = jira.transport.sent.length;
      salesforce.entities.edit(caseRef, { title: 'two' });
      await salesforce.engine.syncLocalChange(caseRef);
      await settle(salesforce, jira);
      expect(salesforce.transport.sent.length - sentBySalesforce).toBe(1);
      expect(jira.transport.sent.length - sentByJira).toBe(0);
      expect(await jira.engine.syncLocalChange(ISSUE)).toEqual({ kind: 'unchanged' });
    });

    it('converges when each side changes a different field while the other side is busy', async () => {
      const { salesforce, jira } = connectedPair();
      const caseRef = seedEntity(salesforce, '500A', { title: 'base', state: 'New' });
      await salesforce.engine.syncLocalChange(caseRef);
      await settle(salesforce, jira);

      salesforce.entities.edit(caseRef, { title: 'first' });
      await salesforce.engine.syncLocalChange(caseRef);
      await salesforce.engine.deliverOutbox();
      await jira.engine.processInbox();
      jira.entities.edit(ISSUE, { state: 'Working' });
      await jira.engine.syncLocalChange(ISSUE);
      salesforce.entities.edit(caseRef, { title: 'second' });
      await salesforce.engine.syncLocalChange(caseRef);
      await settle(jira, salesforce);

      expect(await view(salesforce, caseRef)).toMatchObject({ title: 'second', state: 'Working' });
      expect(await view(jira, ISSUE)).toMatchObject({ title: 'second', state: 'Working' });
    });

    it('converges on the master side value when both sides change the same field at once', async () => {
      const { salesforce, jira } = connectedPair({ salesforce: 'local-wins', jira: 'remote-wins' });
      const caseRef = seedEntity(salesforce, '500A', { title: 'base' });
      await salesforce.engine.syncLocalChange(caseRef);
      await settle(salesforce, jira);

      salesforce.entities.edit(caseRef, { title: 'Salesforce' });
      jira.entities.edit(ISSUE, { title: 'Jira' });
      await salesforce.engine.syncLocalChange(caseRef);
      await jira.engine.syncLocalChange(ISSUE);
      await settle(salesforce, jira);

      expect((await view(salesforce, caseRef))?.title).toBe('Salesforce');
      expect((await view(jira, ISSUE))?.title).toBe('Salesforce');
    });

    it('changes nothing when a message is delivered twice', async () => {
      const { salesforce, jira } = connectedPair();
      const caseRef = seedEntity(salesforce, '500A', { title: 'one' });
      salesforce.entities.addComment(caseRef, { body: 'hello' });
      await salesforce.engine.syncLocalChange(caseRef);
      await settle(salesforce, jira);
      const first = salesforce.transport.sent[0]?.message;
      if (!first) throw new Error('nothing was sent');
      await jira.engine.receive(first);
      await jira.engine.processInbox();
      expect((await view(jira, ISSUE))?.comments).toHaveLength(1);
      expect(jira.log.entries.at(-1)?.kind).toBe('dropped');
    });

    it('stops both sides when one unlinks, and keeps the data on both', async () => {
      const { salesforce, jira } = connectedPair();
      const caseRef = seedEntity(salesforce, '500A', { title: 'one' });
      await salesforce.engine.syncLocalChange(caseRef);
      await settle(salesforce, jira);
      await jira.engine.unlink(ISSUE);
      await settle(salesforce, jira);
      expect(await salesforce.engine.status(caseRef)).toMatchObject({ state: 'unlinked' });
      salesforce.entities.edit(caseRef, { title: 'two' });
      expect(await salesforce.engine.syncLocalChange(caseRef)).toEqual({
        kind: 'skipped',
        reason: 'unlinked',
      });
      expect((await view(jira, ISSUE))?.title).toBe('one');
    });
  });
});
