/**
 * Production's `JiraHttp` with the real @forge/api: its `requestJira` calls the SDK's runtime seam
 * (`__forge_runtime__`, `__forge_fetch__`), which this test points at the Jira stand-in, so the
 * route building and the SDK's own checks run as they do on Forge.
 */
import { JiraModel, startJiraStandin, type JiraStandin } from '../../../sandbox/jira';
import { createJiraContext } from './jira-call';
import { forgeJiraHttp } from './forge-jira-http';
import { readIssue } from './read-issue';
import { uploadAttachment } from './upload-attachment';

type Seam = { __forge_fetch__?: unknown; __forge_runtime__?: unknown };
const seam = globalThis as Seam;
let standin: JiraStandin;
const targets: { target: Record<string, unknown>; path: string }[] = [];

beforeEach(async () => {
  standin = await startJiraStandin(new JiraModel());
  targets.length = 0;
  const noop = { incr: () => undefined, measure: () => ({ stop: () => undefined }) };
  seam.__forge_runtime__ = {
    metrics: { counter: () => noop, timing: () => noop },
    appContext: {},
    proxy: { token: 't', url: standin.baseUrl },
  };
  seam.__forge_fetch__ = async (target: Record<string, unknown>, path: string, init: RequestInit) => {
    targets.push({ target, path });
    return fetch(`${standin.baseUrl}${path}`, {
      ...init,
      headers: { ...(init.headers as Record<string, string>), authorization: 'Bearer app' },
    });
  };
});
afterEach(async () => {
  delete seam.__forge_fetch__;
  delete seam.__forge_runtime__;
  await standin.close();
});

describe('the Forge JiraHttp', () => {
  it('reads an issue through requestJira as the app, with the path and query built by route', async () => {
    const created = standin.model.createIssue(
      { project: { key: 'SUP' }, issuetype: { name: 'Task' }, summary: 'S' },
      '557058:alice',
    );
    if (!created.ok) throw new Error('seed failed');
    const read = await readIssue(createJiraContext(forgeJiraHttp()), { id: created.value.id });
    expect(read.ok && read.entity?.view.summary).toBe('S');
    // Forge routes product calls as the app through its proxy (`fpp`, provider `app`).
    expect(targets[0]?.target).toMatchObject({ type: 'fpp', provider: 'app' });
    expect(targets.map((t) => t.path)).toContain(
      `/rest/api/3/issue/${created.value.id}?fields=*all&expand=names%2Cschema`,
    );
  });

  it('uploads bytes through the SDK', async () => {
    const created = standin.model.createIssue(
      { project: { key: 'SUP' }, issuetype: { name: 'Task' }, summary: 'S' },
      '557058:alice',
    );
    if (!created.ok) throw new Error('seed failed');
    const uploaded = await uploadAttachment(createJiraContext(forgeJiraHttp()), created.value.id, {
      filename: 'a.bin',
      mimeType: 'application/octet-stream',
      bytes: new Uint8Array([0, 255, 1]),
    });
    expect(uploaded.ok).toBe(true);
    expect([...(standin.model.issue(created.value.id)?.attachments[0]?.bytes ?? [])]).toEqual([0, 255, 1]);
  });

  it('answers a path segment that route refuses (..) with a 400 and makes no call', async () => {
    const answer = await forgeJiraHttp()({ method: 'GET', path: '/rest/api/3/issue/../myself' });
    expect(answer.status).toBe(400);
    expect(answer.body).toMatch(/Refused path/);
    expect(targets).toEqual([]);
  });
});
