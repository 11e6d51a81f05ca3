import type { ProductEvent } from './events';
import { JiraModel } from './model';
import { startJiraStandin, type JiraStandin } from './server';

let standin: JiraStandin;
beforeEach(async () => {
  standin = await startJiraStandin(new JiraModel({ now: () => Date.UTC(2026, 11, 3, 12) }));
});
afterEach(async () => {
  await standin.close();
});

async function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${standin.baseUrl}${path}`, {
    method,
    headers: { authorization: 'Bearer token', 'content-type': 'application/json', ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, json: text === '' ? null : JSON.parse(text) };
}

const create = () =>
  call('POST', '/rest/api/3/issue', {
    fields: { project: { key: 'SUP' }, issuetype: { name: 'Task' }, summary: 'S' },
  });

describe('the Jira stand-in server', () => {
  it('refuses a call without credentials', async () => {
    const response = await fetch(`${standin.baseUrl}/rest/api/3/myself`);
    expect(response.status).toBe(401);
  });

  it('answers 429 with Retry-After to as many calls as the chaos knob asks, then serves again', async () => {
    standin.setChaos({ rateLimit: { count: 2, retryAfterSeconds: 7 } });
    const first = await call('GET', '/rest/api/3/myself');
    expect([first.status, first.headers.get('retry-after')]).toEqual([429, '7']);
    expect((await call('GET', '/rest/api/3/myself')).status).toBe(429);
    expect((await call('GET', '/rest/api/3/myself')).status).toBe(200);
  });

  it('refuses an attachment upload without X-Atlassian-Token: no-check', async () => {
    const created = await create();
    const form = new FormData();
    form.append('file', new Blob(['x']), 'a.txt');
    const refused = await fetch(`${standin.baseUrl}/rest/api/3/issue/${created.json.key}/attachments`, {
      method: 'POST',
      headers: { authorization: 'Bearer t' },
      body: form,
    });
    expect(refused.status).toBe(403);
  });

  it('raises product events with changelog items, marking the app own changes selfGenerated', async () => {
    const created = await create();
    await call(
      'PUT',
      `/rest/api/3/issue/${created.json.id}`,
      { fields: { labels: ['vip'] } },
      { authorization: 'Bearer as:557058:alice' },
    );
    const events: ProductEvent[] = [];
    standin.model.events.subscribe((event) => {
      events.push(event);
    });
    await standin.model.events.deliver();
    expect(events.map((e) => [e.eventType, e.selfGenerated])).toEqual([
      ['avi:jira:created:issue', true],
      ['avi:jira:updated:issue', false],
    ]);
    expect(events[1]?.changelog?.items).toEqual([
      expect.objectContaining({ fieldId: 'labels', fromString: '', toString: 'vip' }),
    ]);
  });

  it('delivers events twice and out of order when asked, from a seed', async () => {
    await create();
    await create();
    await create();
    standin.model.events.setChaos({ duplicates: true, reorder: true, seed: 3 });
    const keys: string[] = [];
    standin.model.events.subscribe((event) => {
      keys.push(event.issue.key);
    });
    expect(await standin.model.events.deliver()).toBe(6);
    expect([...keys].sort()).toEqual(['SUP-1', 'SUP-1', 'SUP-2', 'SUP-2', 'SUP-3', 'SUP-3']);
    expect(keys).not.toEqual([...keys].sort());
  });

  it('refuses a transition that the workflow does not allow from the current status', async () => {
    const created = await create();
    const refused = await call('POST', `/rest/api/3/issue/${created.json.key}/transitions`, {
      transition: { id: '31' },
    });
    expect(refused.status).toBe(400);
    expect(refused.json.errorMessages[0]).toMatch(/not valid/);
  });

  it('describes the workflow with its transitions for a path search', async () => {
    const scheme = await call('GET', '/rest/api/3/workflowscheme/project?projectId=10000');
    const name = scheme.json.values[0].workflowScheme.defaultWorkflow;
    const page = await call(
      'GET',
      `/rest/api/3/workflow/search?workflowName=${encodeURIComponent(name)}&expand=transitions,statuses`,
    );
    expect(page.json.values[0].transitions.map((t: { to: string }) => t.to)).toEqual([
      '10001',
      '10002',
      '10003',
      '10000',
    ]);
  });

  it('answers 400 with the parser errors for a search with bad JQL', async () => {
    const answer = await call('GET', `/rest/api/3/search/jql?jql=${encodeURIComponent('project = = SUP')}`);
    expect(answer.status).toBe(400);
    expect(answer.json.errorMessages[0]).toMatch(/^Error in the JQL Query/);
  });
});
