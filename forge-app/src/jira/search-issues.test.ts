import { JiraModel, startJiraStandin, type JiraStandin } from '../../../sandbox/jira';
import { fetchJiraHttp } from './fetch-jira-http';
import { createJiraContext, type JiraContext } from './jira-call';
import { searchIssues } from './search-issues';
import { validateJql } from './validate-jql';

let standin: JiraStandin;
let context: JiraContext;
let now = Date.UTC(2026, 11, 3, 10);

beforeEach(async () => {
  now = Date.UTC(2026, 11, 3, 10);
  standin = await startJiraStandin(new JiraModel({ now: () => now }));
  context = createJiraContext(fetchJiraHttp(standin.baseUrl));
});
afterEach(async () => {
  await standin.close();
});

function seed(count: number) {
  for (let i = 0; i < count; i++) {
    const created = standin.model.createIssue(
      { project: { key: 'SUP' }, issuetype: { name: 'Task' }, summary: `S${i}` },
      '557058:alice',
    );
    if (!created.ok) throw new Error('seed failed');
  }
}

describe('searching issues with JQL', () => {
  it('pages through every match by nextPageToken, the last page without one', async () => {
    seed(5);
    const keys: string[] = [];
    let token: string | null = null;
    let pages = 0;
    do {
      const page = await searchIssues(context, 'project = SUP', token, 2);
      if (!page.ok) throw new Error(page.error.message);
      keys.push(...page.value.issues.map((i) => i.key));
      token = page.value.nextPageToken;
      pages += 1;
    } while (token !== null);
    expect([pages, keys]).toEqual([3, ['SUP-1', 'SUP-2', 'SUP-3', 'SUP-4', 'SUP-5']]);
  });

  it('finds the issues updated since the sweep last ran', async () => {
    seed(2);
    now = Date.UTC(2026, 11, 3, 11);
    const touched = standin.model.issue('SUP-2');
    if (touched) standin.model.editIssue(touched, { labels: ['x'] }, '557058:alice');
    const page = await searchIssues(context, 'project = SUP AND updated >= "2026-12-03 10:30"', null);
    expect(page.ok && page.value.issues.map((i) => [i.key, i.updated])).toEqual([
      ['SUP-2', '2026-12-03T11:00:00.000+0000'],
    ]);
  });

  it('fails with a permanent http failure carrying Jira messages for bad JQL', async () => {
    const page = await searchIssues(context, 'project = = SUP', null);
    expect(page).toMatchObject({
      ok: false,
      error: { code: 'http', status: 400, message: expect.stringMatching(/Error in the JQL Query/) },
    });
  });
});

describe('validating trigger JQL with Jira', () => {
  it('lists the errors of each query, none for a valid one', async () => {
    const checked = await validateJql(context, ['labels = vip', 'labels = = vip']);
    expect(checked.ok && checked.value[0]).toEqual([]);
    expect(checked.ok && checked.value[1]?.[0]).toMatch(/^Error in the JQL Query/);
  });
});
