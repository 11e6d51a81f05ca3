/**
 * The Jira REST adapter against the Jira stand-in's HTTP server, through a fetch-based `JiraHttp`:
 * the entity view, and write plans carried out with as few calls as the issue asks for.
 */
import type { WritePlan } from '@tandem/shared-ts/engine';
import { classifyFailure, nextRetryDelay, DEFAULT_RETRY_POLICY } from '@tandem/shared-ts/internal';
import { JiraModel, defaultWorkflow, startJiraStandin, type JiraStandin } from '../../../sandbox/jira';
import { fetchJiraHttp } from './fetch-jira-http';
import { createJiraContext, type JiraContext } from './jira-call';
import { createJiraEntityStore } from './jira-entity-store';
import { readIssue } from './read-issue';

let standin: JiraStandin;
let context: JiraContext;

beforeEach(async () => {
  standin = await startJiraStandin(new JiraModel({ now: () => Date.UTC(2026, 11, 3, 12) }));
  context = createJiraContext(fetchJiraHttp(standin.baseUrl));
});
afterEach(async () => {
  await standin.close();
});

const PERSON = '557058:alice';
const emptyCollection = () => ({ add: [], update: [], remove: [] });
const plan = (over: Partial<WritePlan>): WritePlan => ({
  target: null,
  fields: [],
  comments: emptyCollection(),
  attachments: emptyCollection(),
  ...over,
});

function seedIssue(summary = 'Printer on fire') {
  const created = standin.model.createIssue(
    {
      project: { key: 'SUP' },
      issuetype: { name: 'Task' },
      summary,
      description: JiraModel.adfOf('<p>It <strong>smokes</strong>.</p>'),
    },
    PERSON,
  );
  if (!created.ok) throw new Error('seed failed');
  return created.value;
}

const ref = (id: string) => ({ platform: 'jira', type: 'issue', id });

describe('reading the entity view', () => {
  it('gives fields by name with rich text as HTML, status with its category and users with visible emails', async () => {
    const issue = seedIssue();
    standin.model.editIssue(
      issue,
      { assignee: { accountId: PERSON }, labels: ['vip'], customfield_10010: 'EMEA' },
      PERSON,
    );
    const read = await readIssue(context, ref(issue.id));
    expect(read.ok).toBe(true);
    const view = read.ok ? read.entity?.view : undefined;
    expect(view).toMatchObject({
      key: 'SUP-1',
      summary: 'Printer on fire',
      description: '<p>It <strong>smokes</strong>.</p>',
      status: { name: 'To Do', category: 'new' },
      priority: { name: 'Medium' },
      labels: ['vip'],
      assignee: { email: 'alice@example.com', displayName: 'Alice Agent', accountId: PERSON },
      reporter: { accountId: PERSON },
      project: { key: 'SUP', name: 'Support' },
      customFields: { 'Sales Region': 'EMEA', 'Story Points': null },
      created: '2026-12-03T12:00:00.000Z',
    });
  });

  it('hides the email of a user whose privacy settings hide it', async () => {
    const issue = seedIssue();
    standin.model.editIssue(issue, { assignee: { accountId: '557058:bob' } }, PERSON);
    const read = await readIssue(context, ref(issue.id));
    expect(read.ok && read.entity?.view.assignee).toEqual({
      email: null,
      displayName: 'Bob Private',
      accountId: '557058:bob',
    });
  });

  it('reads every comment, paging past the embedded page, internal ones marked, the app own ones listed as integration-authored', async () => {
    const issue = seedIssue();
    for (let i = 0; i < 120; i++)
      standin.model.addComment(issue, JiraModel.adfOf(`<p>c${i}</p>`), PERSON, null);
    standin.model.addComment(issue, JiraModel.adfOf('<p>secret</p>'), PERSON, {
      type: 'role',
      value: 'Administrators',
    });
    const mine = standin.model.addComment(
      issue,
      JiraModel.adfOf('<p>from Salesforce</p>'),
      standin.model.appAccountId,
      null,
    );
    const read = await readIssue(context, ref(issue.id));
    const comments = (read.ok ? read.entity?.view.comments : []) as { body: string; internal: boolean }[];
    expect(comments).toHaveLength(122);
    expect(comments[120]).toMatchObject({ body: '<p>secret</p>', internal: true });
    expect(comments[0]).toMatchObject({ body: '<p>c0</p>', internal: false, author: { platformId: PERSON } });
    expect(read.ok && read.entity?.integrationAuthored?.comments).toEqual([mine.id]);
  });

  it('answers null for an issue that does not exist', async () => {
    expect(await readIssue(context, ref('99999'))).toEqual({ ok: true, entity: null });
  });
});

describe('applying a write plan', () => {
  it('updates a field in at most 2 REST calls once the site is known, writing only that field', async () => {
    const issue = seedIssue();
    const store = createJiraEntityStore(context);
    await store.read(ref(issue.id));
    context.calls.reset();
    const applied = await store.apply(
      plan({ target: ref(issue.id), fields: [{ path: ['summary'], value: 'Printer fixed' }] }),
    );
    expect(applied.ok && applied.outcome.entity.view.summary).toBe('Printer fixed');
    expect(context.calls.total()).toBeLessThanOrEqual(2);
    expect(standin.calls.filter((c) => c.startsWith('PUT'))).toEqual([`PUT /rest/api/3/issue/${issue.id}`]);
  });

  it('writes description as ADF, custom fields by id, priority and labels', async () => {
    const issue = seedIssue();
    const applied = await createJiraEntityStore(context).apply(
      plan({
        target: ref(issue.id),
        fields: [
          { path: ['customFields', 'Story Points'], value: 8 },
          { path: ['description'], value: '<p>Now <em>calm</em>.</p>' },
          { path: ['labels'], value: ['from-salesforce'] },
          { path: ['priority'], value: 'High' },
        ],
      }),
    );
    expect(applied.ok).toBe(true);
    expect(standin.model.issue(issue.id)?.fields.get('customfield_10016')).toBe(8);
    expect(applied.ok && applied.outcome.entity.view).toMatchObject({
      description: '<p>Now <em>calm</em>.</p>',
      labels: ['from-salesforce'],
      priority: { name: 'High' },
    });
  });

  it('creates an issue where the rules say, with the link property, and finds it again on a retry instead of creating another', async () => {
    const source = { platform: 'salesforce', type: 'Case', id: '500xx0000001', key: '00001026' };
    const first = plan({
      fields: [
        { path: ['projectKey'], value: 'SUP' },
        { path: ['summary'], value: 'From a Case' },
        { path: ['typeName'], value: 'Bug' },
      ],
    });
    const store = createJiraEntityStore(context);
    const created = await store.apply(first, source);
    expect(created.ok && created.outcome.entity.view).toMatchObject({
      key: 'SUP-1',
      issueType: { name: 'Bug' },
    });
    const issue = standin.model.issue('SUP-1');
    expect(issue?.properties.get('tandem')).toEqual({
      linked: 'true',
      source: 'salesforce:Case:500xx0000001',
      remoteKey: '00001026',
    });
    const again = await store.apply(first, source);
    expect(again.ok && again.outcome.entity.ref.key).toBe('SUP-1');
    expect(standin.model.issues.size).toBe(1);
  });

  it('refuses to create an issue when the rules set no project or type', async () => {
    const applied = await createJiraEntityStore(context).apply(
      plan({ fields: [{ path: ['summary'], value: 'x' }] }),
    );
    expect(applied).toMatchObject({
      ok: false,
      error: { code: 'rejected', message: expect.stringMatching(/issue\.projectKey/) },
    });
  });

  it('moves the status along a path of transitions when no single one leads there', async () => {
    const issue = seedIssue();
    const applied = await createJiraEntityStore(context).apply(
      plan({ target: ref(issue.id), fields: [{ path: ['status'], value: 'Done' }] }),
    );
    expect(applied.ok && applied.outcome.entity.view.status).toEqual({ name: 'Done', category: 'done' });
    expect(context.calls.count('move-status')).toBe(7);
  });

  it('takes a direct transition in two calls', async () => {
    const issue = seedIssue();
    await createJiraEntityStore(context).apply(
      plan({ target: ref(issue.id), fields: [{ path: ['status'], value: 'in progress' }] }),
    );
    expect(context.calls.count('move-status')).toBe(2);
    expect(standin.model.statusOf(issue).name).toBe('In Progress');
  });

  it('fails the record naming the workflow, the from and the to status when no path exists', async () => {
    const issue = seedIssue();
    const applied = await createJiraEntityStore(context).apply(
      plan({ target: ref(issue.id), fields: [{ path: ['status'], value: 'Archived' }] }),
    );
    expect(applied).toMatchObject({
      ok: false,
      entity: null,
      error: {
        code: 'rejected',
        message: `No path of transitions in workflow "${defaultWorkflow().name}" leads from status "To Do" to "Archived"; change the status rules or the workflow.`,
      },
    });
  });

  it('adds comments with visibility for internal ones, without duplicating on a retried add', async () => {
    const issue = seedIssue();
    const store = createJiraEntityStore(context);
    const comments = {
      add: [
        { remoteId: 'sf-1', value: { id: 'sf-1', body: '<p>Hello</p>', internal: false } },
        { remoteId: 'sf-2', value: { id: 'sf-2', body: '<p>Agents only</p>', internal: true } },
      ],
      update: [],
      remove: [],
    };
    const first = await store.apply(plan({ target: ref(issue.id), comments }));
    expect(first.ok && first.outcome.created.comments.map((p) => p.remote)).toEqual(['sf-1', 'sf-2']);
    expect(standin.model.issue(issue.id)?.comments.map((c) => c.visibility)).toEqual([
      null,
      { type: 'role', value: 'Administrators' },
    ]);
    const retry = await store.apply(plan({ target: ref(issue.id), comments }));
    expect(retry.ok && retry.outcome.created.comments).toEqual(
      first.ok ? first.outcome.created.comments : [],
    );
    expect(standin.model.issue(issue.id)?.comments).toHaveLength(2);
    expect(first.ok && first.outcome.entity.integrationAuthored?.comments).toHaveLength(2);
  });

  it('edits and deletes comment copies, a copy already gone being no error', async () => {
    const issue = seedIssue();
    const copy = standin.model.addComment(
      issue,
      JiraModel.adfOf('<p>old</p>'),
      standin.model.appAccountId,
      null,
    );
    const applied = await createJiraEntityStore(context).apply(
      plan({
        target: ref(issue.id),
        comments: {
          add: [],
          update: [
            {
              remoteId: 'sf-1',
              localId: copy.id,
              value: { id: 'sf-1', body: '<p>new</p>', internal: false },
            },
          ],
          remove: [{ remoteId: 'sf-9', localId: '424242' }],
        },
      }),
    );
    expect(applied.ok).toBe(true);
    expect(applied.ok && (applied.outcome.entity.view.comments as { body: string }[])[0]?.body).toBe(
      '<p>new</p>',
    );
  });

  it('pairs an added attachment with a pending local id and deletes a removed one', async () => {
    const issue = seedIssue();
    const old = standin.model.addAttachment(
      issue,
      'old.txt',
      'text/plain',
      new Uint8Array([1]),
      standin.model.appAccountId,
    );
    const applied = await createJiraEntityStore(context).apply(
      plan({
        target: ref(issue.id),
        attachments: {
          add: [{ remoteId: 'sf-file-1', value: { id: 'sf-file-1' } }],
          update: [],
          remove: [{ remoteId: 'sf-file-0', localId: old.id }],
        },
      }),
    );
    expect(applied.ok && applied.outcome.created.attachments).toEqual([
      { remote: 'sf-file-1', local: 'tandem-pending:sf-file-1' },
    ]);
    expect(standin.model.issue(issue.id)?.attachments).toEqual([]);
  });

  it('answers a 429 as a transient http failure carrying Retry-After, which the retry policy honours', async () => {
    const issue = seedIssue();
    const store = createJiraEntityStore(context);
    await store.read(ref(issue.id));
    standin.setChaos({ rateLimit: { count: 1, retryAfterSeconds: 30 } });
    const applied = await store.apply(
      plan({ target: ref(issue.id), fields: [{ path: ['summary'], value: 'x' }] }),
    );
    expect(applied).toMatchObject({ ok: false, error: { code: 'http', status: 429, retryAfterSeconds: 30 } });
    if (applied.ok) return;
    expect(classifyFailure(applied.error)).toBe('transient');
    expect(nextRetryDelay(1, DEFAULT_RETRY_POLICY, () => 0, applied.error.retryAfterSeconds)).toBe(30_000);
  });

  it('answers a 503 as transient and a field Jira refuses as a permanent failure with its message', async () => {
    const issue = seedIssue();
    const store = createJiraEntityStore(context);
    standin.setChaos({ unavailable: { count: 1 } });
    const unavailable = await store.apply(
      plan({ target: ref(issue.id), fields: [{ path: ['summary'], value: 'x' }] }),
    );
    expect(!unavailable.ok && classifyFailure(unavailable.error)).toBe('transient');
    const refused = await store.apply(
      plan({ target: ref(issue.id), fields: [{ path: ['priority'], value: 'Urgentest' }] }),
    );
    expect(refused).toMatchObject({
      ok: false,
      error: {
        code: 'http',
        status: 400,
        message: expect.stringMatching(/priority: Priority name 'Urgentest' is not valid/),
      },
    });
    expect(!refused.ok && classifyFailure(refused.error)).toBe('permanent');
  });

  it('refuses a plan path that is not a Jira field before any write', async () => {
    const issue = seedIssue();
    const applied = await createJiraEntityStore(context).apply(
      plan({ target: ref(issue.id), fields: [{ path: ['key'], value: 'X-1' }] }),
    );
    expect(applied).toMatchObject({
      ok: false,
      error: { code: 'rejected', message: expect.stringMatching(/issue\.key is not a field/) },
    });
    expect(context.calls.total()).toBe(0);
  });
});
