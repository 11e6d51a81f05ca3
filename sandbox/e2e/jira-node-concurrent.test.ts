/**
 * Concurrent handlers on one issue (issue #11, Tests): Forge runs consumer invocations in
 * parallel, so the job applying Salesforce's change and the job building the issue after a Jira
 * edit can run at the same time on one issue. Both must take effect, neither may undo the
 * other, and nothing may echo back.
 */
import { pushOutbox } from '@tandem/shared-ts/protocol';
import { seedEntity } from '@tandem/shared-ts/testing';
import {
  ALICE,
  createSalesforceSide,
  jiraNodePerTest,
  postToRendezvous,
  pullAll,
  pushNewCase,
  setUpJiraConnection,
  theOnlyIssue,
} from './jira-node';

const jiraNode = jiraNodePerTest();

describe('the Jira node with two handlers on one issue at once', () => {
  it('applies a Salesforce change and builds a Jira edit of the same issue concurrently, losing neither', async () => {
    const node = jiraNode();
    const { standin, runtime } = node;
    await setUpJiraConnection(standin);
    const side = createSalesforceSide({ post: postToRendezvous(runtime) });
    const { salesforce, client } = side;
    const caseRef = await pushNewCase(side, runtime, 'case-1', { title: 'Printer broken', state: 'New' });
    const issue = theOnlyIssue(standin, 'Printer broken');
    await runtime.advance(60 * 60 * 1000);
    await pullAll(client);
    await salesforce.engine.processInbox();

    // Salesforce renames the Case (its apply job is queued by the push) while Alice edits the
    // issue's labels in Jira (its build job is queued by the event): both due together.
    seedEntity(salesforce, caseRef.id, { title: 'Printer on fire', state: 'New' });
    expect((await salesforce.engine.syncLocalChange(caseRef)).kind).toBe('enqueued');
    expect(await pushOutbox(client)).toMatchObject({ done: 1, failed: 0 });
    expect(standin.model.editIssue(issue, { labels: ['smoke'] }, ALICE).ok).toBe(true);
    await runtime.emitProductEvent({ eventType: 'avi:jira:updated:issue', issue: { id: issue.id } });
    // Let both fall due (the issue job waits out its coalescing delay) without delivering
    // either, then deliver what is due together.
    runtime.clock.advance?.(5 * 60 * 1000);
    const together = await runtime.deliverDueTogether();
    // The two jobs really ran at the same time (one batch of parallel invocations).
    expect(together).toBeGreaterThanOrEqual(2);
    // Then whatever the race left due (retries after a compare-and-set lost) runs to the end.
    await runtime.advance(60 * 60 * 1000);

    // Neither change undid the other on Jira.
    expect(issue.fields.get('summary')).toBe('Printer on fire');
    expect(issue.fields.get('labels')).toEqual(['smoke']);
    // The issue's new state reached Salesforce, refused nothing, and did not revert its rename.
    const pulled = await pullAll(client);
    expect(pulled).toMatchObject({ ok: true, rejected: 0 });
    expect(pulled.ok && pulled.received).toBeGreaterThanOrEqual(1);
    expect(await salesforce.engine.processInbox()).toMatchObject({ failed: 0 });
    expect(salesforce.entities.entities.get(`Case:${caseRef.id}`)?.view.title).toBe('Printer on fire');
  });
});
