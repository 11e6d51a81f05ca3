/**
 * The real jira.js 5.4 `Version3Client`, unchanged, against the stand-in's HTTP server: a
 * maintained client that reads Jira Cloud's shapes works on ours.
 */
import { Version3Client } from 'jira.js';
import { JiraModel } from './model';
import { startJiraStandin, type JiraStandin } from './server';

let standin: JiraStandin;
let client: Version3Client;

const doc = (text: string) => ({
  type: 'doc',
  version: 1,
  content: [{ type: 'paragraph', content: [{ type: 'text', text }] }],
});

beforeEach(async () => {
  standin = await startJiraStandin(new JiraModel({ now: () => Date.UTC(2026, 11, 3, 12) }));
  client = new Version3Client({
    host: standin.baseUrl,
    authentication: { oauth2: { accessToken: 'any-token' } },
  });
});

afterEach(async () => {
  await standin.close();
});

/**
 * jira.js's `addAttachment` starts with `await import('node:stream')` when `window` is undefined,
 * which jest's CommonJS sandbox refuses without --experimental-vm-modules. The stream is only used
 * for stream inputs; for a Buffer the client builds the same multipart body either way. So
 * `window` is defined for the synchronous start of the call only (before axios runs).
 */
async function withoutNodeStreamImport<T>(call: () => Promise<T>): Promise<T> {
  const scope = globalThis as { window?: unknown };
  scope.window = globalThis;
  try {
    return await Promise.resolve().then(() => {
      const pending = call();
      delete scope.window;
      return pending;
    });
  } finally {
    delete scope.window;
  }
}

async function newIssue(summary = 'Printer on fire') {
  return client.issues.createIssue({
    fields: { project: { key: 'SUP' }, issuetype: { name: 'Task' }, summary, description: doc('It smokes.') },
  });
}

describe('the jira.js Version3Client against the stand-in', () => {
  it('creates an issue and reads it back with names and schema', async () => {
    const created = await newIssue();
    expect(created.key).toBe('SUP-1');
    const issue = await client.issues.getIssue({ issueIdOrKey: created.key, expand: 'names,schema' });
    expect(issue.fields.summary).toBe('Printer on fire');
    expect(issue.fields.status.name).toBe('To Do');
    expect(issue.fields.status.statusCategory?.key).toBe('new');
    expect(issue.fields.description?.type).toBe('doc');
    expect((issue.names as Record<string, string>).customfield_10010).toBe('Sales Region');
    expect((issue.schema as Record<string, { type: string }>).labels?.type).toBe('array');
  });

  it('edits only the fields given', async () => {
    const created = await newIssue();
    await client.issues.editIssue({
      issueIdOrKey: created.id,
      fields: { labels: ['vip'], customfield_10016: 5 },
    });
    const issue = await client.issues.getIssue({ issueIdOrKey: created.id });
    expect(issue.fields.labels).toEqual(['vip']);
    expect(issue.fields.customfield_10016).toBe(5);
    expect(issue.fields.summary).toBe('Printer on fire');
  });

  it('refuses an edit with a field error the client surfaces', async () => {
    const created = await newIssue();
    await expect(
      client.issues.editIssue({ issueIdOrKey: created.id, fields: { priority: { name: 'Urgentest' } } }),
    ).rejects.toThrow();
  });

  it('lists the available transitions and moves the issue through one', async () => {
    const created = await newIssue();
    const { transitions } = await client.issues.getTransitions({ issueIdOrKey: created.key });
    expect(transitions?.map((t) => t.to?.name)).toEqual(['In Progress']);
    await client.issues.doTransition({
      issueIdOrKey: created.key,
      transition: { id: transitions?.[0]?.id ?? '' },
    });
    const issue = await client.issues.getIssue({ issueIdOrKey: created.key, fields: ['status'] });
    expect(issue.fields.status.name).toBe('In Progress');
  });

  it('adds, pages, edits and deletes comments, internal ones with visibility', async () => {
    const created = await newIssue();
    const first = await client.issueComments.addComment({
      issueIdOrKey: created.key,
      comment: doc('public'),
    });
    await client.issueComments.addComment({
      issueIdOrKey: created.key,
      comment: doc('agents only'),
      visibility: { type: 'role', value: 'Administrators' },
    });
    const page = await client.issueComments.getComments({
      issueIdOrKey: created.key,
      startAt: 1,
      maxResults: 1,
    });
    expect(page.total).toBe(2);
    expect(page.comments?.map((c) => c.visibility?.value)).toEqual(['Administrators']);
    await client.issueComments.updateComment({
      issueIdOrKey: created.key,
      id: first.id ?? '',
      body: doc('edited'),
    });
    const edited = await client.issueComments.getComment({ issueIdOrKey: created.key, id: first.id ?? '' });
    expect(edited.body?.content?.[0]?.content?.[0]?.text).toBe('edited');
    await client.issueComments.deleteComment({ issueIdOrKey: created.key, id: first.id ?? '' });
    expect((await client.issueComments.getComments({ issueIdOrKey: created.key })).total).toBe(1);
  });

  it('uploads an attachment as multipart and serves its content', async () => {
    const created = await newIssue();
    const [attachment] = await withoutNodeStreamImport(() =>
      client.issueAttachments.addAttachment({
        issueIdOrKey: created.key,
        attachment: { filename: 'log.txt', file: Buffer.from('hello bytes'), mimeType: 'text/plain' },
      }),
    );
    expect(attachment?.filename).toBe('log.txt');
    expect(attachment?.size).toBe(11);
    const meta = await client.issueAttachments.getAttachment({ id: attachment?.id ?? '' });
    expect(meta.mimeType).toBe('text/plain');
    const response = await fetch(`${standin.baseUrl}/rest/api/3/attachment/content/${attachment?.id}`, {
      headers: { authorization: 'Bearer t', range: 'bytes=6-' },
    });
    expect(response.status).toBe(206);
    expect(await response.text()).toBe('bytes');
  });

  it('sets, reads and deletes an issue property, refusing one over 32 KB', async () => {
    const created = await newIssue();
    await client.issueProperties.setIssueProperty({
      issueIdOrKey: created.key,
      propertyKey: 'tandem',
      propertyValue: { linked: true },
    });
    const property = await client.issueProperties.getIssueProperty({
      issueIdOrKey: created.key,
      propertyKey: 'tandem',
    });
    expect(property.value).toEqual({ linked: true });
    const keys = await client.issueProperties.getIssuePropertyKeys({ issueIdOrKey: created.key });
    expect(keys.keys?.map((k) => k.key)).toEqual(['tandem']);
    await expect(
      client.issueProperties.setIssueProperty({
        issueIdOrKey: created.key,
        propertyKey: 'big',
        propertyValue: { text: 'x'.repeat(33_000) },
      }),
    ).rejects.toThrow();
    await client.issueProperties.deleteIssueProperty({ issueIdOrKey: created.key, propertyKey: 'tandem' });
    expect((await client.issueProperties.getIssuePropertyKeys({ issueIdOrKey: created.key })).keys).toEqual(
      [],
    );
  });

  it('searches with JQL, page by page through nextPageToken', async () => {
    for (let i = 0; i < 5; i++) await newIssue(`Issue ${i}`);
    const keys: string[] = [];
    let nextPageToken: string | undefined;
    let pages = 0;
    do {
      const page = await client.issueSearch.searchForIssuesUsingJqlEnhancedSearch({
        jql: 'project = SUP AND status = "To Do"',
        maxResults: 2,
        fields: ['summary'],
        nextPageToken,
      });
      keys.push(...(page.issues ?? []).map((issue) => issue.key));
      nextPageToken = page.nextPageToken;
      pages += 1;
    } while (nextPageToken !== undefined);
    expect(pages).toBe(3);
    expect(keys).toEqual(['SUP-1', 'SUP-2', 'SUP-3', 'SUP-4', 'SUP-5']);
  });

  it('parses JQL, with syntax errors for a broken query and none for a good one', async () => {
    const parsed = await client.jql.parseJqlQueries({
      queries: ['project = SUP AND labels in (vip, gold)', 'project = = SUP'],
      validation: 'strict',
    });
    expect(parsed.queries[0]?.errors).toBeUndefined();
    expect(parsed.queries[1]?.errors?.[0]).toMatch(/^Error in the JQL Query/);
  });

  it('answers myself as the app and another user with their email only when visible', async () => {
    const me = await client.myself.getCurrentUser();
    expect(me.accountType).toBe('app');
    const alice = await client.users.getUser({ accountId: '557058:alice' });
    expect(alice.emailAddress).toBe('alice@example.com');
    const bob = await client.users.getUser({ accountId: '557058:bob' });
    expect(bob.emailAddress).toBeUndefined();
  });
});
