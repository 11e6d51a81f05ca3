/**
 * The UI's resolver as installed: the Forge runtime stand-in invokes the function manifest.yml
 * names for the admin page and the issue panel (the real @forge/resolver's `getDefinitions()`),
 * as @forge/bridge `invoke(key, payload)` would, over the real @forge/kvs and @forge/api, with
 * Jira REST served by the Jira stand-in. Triggers: stored through the resolver, tested by the
 * product events and paged by the scheduled sweep, with Jira (the stand-in) evaluating the JQL.
 */
import { kvs } from '@forge/kvs';
import { parseInvitation } from '@tandem/shared-ts/protocol';
import type { ForgeRuntime } from '../forge';
import type { JiraStandin } from '../jira';
import { ALICE, jiraNodePerTest, resolverOf, setUpJiraConnection, setUpJiraSite } from './jira-node';

const CONNECTION_ID = 'conn-ui';

let standin: JiraStandin;
let runtime: ForgeRuntime;

const jiraNode = jiraNodePerTest();
beforeEach(() => {
  ({ standin, runtime } = jiraNode());
});

/** What the admin page's `invoke(key, payload)` receives. */
const admin = (key: string, payload: unknown = {}): Promise<unknown> =>
  resolverOf(runtime, 'tandem-admin')(key, payload);

/** What the issue panel's `invoke(key, payload)` receives, open on an issue. */
const panel = (issueId: string, key: string, payload: unknown = {}): Promise<unknown> =>
  resolverOf(runtime, 'tandem-issue-panel', {
    issue: { id: issueId, key: 'SUP-1', type: 'Task' },
    project: { key: 'SUP' },
  })(key, payload);

const setUpSite = (): Promise<void> => setUpJiraSite(standin);

/** A paired connection with its rules, as the consoles leave it. */
const setUpConnection = (): Promise<void> => setUpJiraConnection(standin, { connectionId: CONNECTION_ID });

function createIssue(summary: string, labels: string[] = []): string {
  const created = standin.model.createIssue(
    { project: { key: 'SUP' }, issuetype: { name: 'Task' }, summary, labels },
    ALICE,
  );
  if (!created.ok) throw new Error(JSON.stringify(created.error));
  return created.value.id;
}

describe('the UI resolver through the Forge runtime stand-in', () => {
  it('answers not-set-up before the site is set up, and names an unknown function', async () => {
    expect(await admin('listConnections')).toMatchObject({ ok: false, error: { code: 'not-set-up' } });
    const { report } = await runtime.invokeResolver('tandem-admin', 'noSuchFunction', {});
    expect(report.error).toBe("Resolver has no definition for 'noSuchFunction'.");
  });

  it('initiates an invitation for the rendezvous web trigger, shown once with its expiry', async () => {
    await setUpSite();
    const answer = (await admin('initiateConnection', { connectionName: 'Acme support', ttlHours: 2 })) as {
      ok: true;
      value: { code: string; connectionId: string; expiresAt: string };
    };
    expect(answer).toMatchObject({ ok: true, value: { connectionName: 'Acme support' } });
    const parsed = await parseInvitation(answer.value.code, Date.now());
    if (!parsed.ok) throw new Error(parsed.error.message);
    expect(parsed.invitation.rendezvousUrl).toBe(runtime.webTriggerUrl('tandem-rendezvous'));
    expect(parsed.invitation.connectionId).toBe(answer.value.connectionId);
    expect(Date.parse(answer.value.expiresAt) - Date.now()).toBeGreaterThan(119 * 60_000);
    expect(Date.parse(answer.value.expiresAt) - Date.now()).toBeLessThanOrEqual(120 * 60_000);

    expect(await admin('previewInvitation', { code: answer.value.code })).toEqual({
      ok: true,
      value: {
        connectionName: 'Acme support',
        peer: { name: 'Acme Jira', url: standin.baseUrl },
        expiresAt: answer.value.expiresAt,
      },
    });
    expect(await admin('acceptInvitation', { code: answer.value.code })).toMatchObject({
      ok: false,
      error: { code: 'accept-unsupported' },
    });
  });

  it.each([
    ['initiateConnection', {}, 'connectionName must be text of 1 to 100 characters.'],
    [
      'initiateConnection',
      { connectionName: 'x', ttlHours: 0 },
      'ttlHours must be a whole number of hours from 1 to 720.',
    ],
    ['initiateConnection', 'text', 'The payload must be an object of named fields.'],
    [
      'setConnectionActive',
      { connectionId: '../x', active: true },
      'connectionId must be a connection id of 1 to 64 characters.',
    ],
    ['saveTrigger', { jql: '' }, 'jql must be a JQL query of 1 to 5000 characters.'],
    ['setTriggerActive', { id: 't1', active: 'yes' }, 'active must be true or false.'],
    [
      'retryError',
      { connectionId: CONNECTION_ID, queue: 'elsewhere', key: 'k' },
      'queue must be one of outbox, inbox, attachments.',
    ],
  ])('%s refuses a bad payload %p with payload-invalid', async (key, payload, message) => {
    await setUpSite();
    expect(await admin(key, payload)).toEqual({ ok: false, error: { code: 'payload-invalid', message } });
  });

  it('refuses a damaged code with the protocol reason', async () => {
    await setUpSite();
    expect(await admin('previewInvitation', { code: 'TANDEM1-AAAA' })).toMatchObject({
      ok: false,
      error: { code: 'invitation-invalid' },
    });
  });

  it('lists, deactivates, activates and deletes a connection', async () => {
    await setUpConnection();
    expect(await admin('listConnections')).toEqual({
      ok: true,
      value: [
        {
          connectionId: CONNECTION_ID,
          name: 'Acme support',
          peer: { platform: 'salesforce', site: { name: 'Acme', url: 'https://acme.my.salesforce.com' } },
          active: true,
          health: 'healthy',
          lastSyncAt: null,
          errors: 0,
          queueDepth: 0,
          syncedThisWeek: 0,
        },
      ],
    });
    expect(await admin('setConnectionActive', { connectionId: CONNECTION_ID, active: false })).toEqual({
      ok: true,
      value: { connectionId: CONNECTION_ID, active: false },
    });
    expect(await admin('listConnections')).toMatchObject({
      ok: true,
      value: [{ active: false, health: 'inactive' }],
    });
    // Inactive: the issue panel's Sync now reaches no connection.
    expect(await panel('10001', 'recordStatus')).toEqual({ ok: true, value: [] });
    await admin('setConnectionActive', { connectionId: CONNECTION_ID, active: true });
    expect(await admin('listConnections')).toMatchObject({
      ok: true,
      value: [{ active: true, health: 'healthy' }],
    });
    expect(await admin('deleteConnection', { connectionId: CONNECTION_ID })).toEqual({
      ok: true,
      value: { connectionId: CONNECTION_ID, deleted: true },
    });
    expect(await admin('listConnections')).toEqual({ ok: true, value: [] });
    expect(await admin('deleteConnection', { connectionId: CONNECTION_ID })).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });
  });

  it('stores a trigger only when Jira validates its JQL, and activates and deactivates it', async () => {
    await setUpSite();
    const refused = (await admin('saveTrigger', { jql: 'labels = (' })) as {
      ok: false;
      error: { code: string; details: string[] };
    };
    expect(refused).toMatchObject({ ok: false, error: { code: 'jql-invalid' } });
    expect(refused.error.details.length).toBeGreaterThan(0);
    expect(await admin('saveTrigger', { jql: 'project = SUP ORDER BY key' })).toMatchObject({
      ok: false,
      error: { code: 'jql-invalid' },
    });
    expect(await admin('listTriggers')).toEqual({ ok: true, value: [] });
    expect(standin.calls.some((call) => call.includes('/rest/api/3/jql/parse'))).toBe(true);

    const saved = (await admin('saveTrigger', { jql: 'labels = tandem', notes: 'Escalations' })) as {
      ok: true;
      value: { id: string };
    };
    expect(saved).toMatchObject({
      ok: true,
      value: { jql: 'labels = tandem', active: true, notes: 'Escalations' },
    });
    expect(await admin('setTriggerActive', { id: saved.value.id, active: false })).toMatchObject({
      ok: true,
      value: { active: false },
    });
    expect(await admin('saveTrigger', { id: saved.value.id, jql: 'labels = urgent' })).toMatchObject({
      ok: true,
      value: { id: saved.value.id, jql: 'labels = urgent', active: false, notes: '' },
    });
    expect(await admin('listTriggers')).toMatchObject({
      ok: true,
      value: [{ id: saved.value.id, jql: 'labels = urgent' }],
    });
    expect(await admin('setTriggerActive', { id: 'tmissing', active: true })).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });
  });
});

describe('triggers on the stand-ins', () => {
  /** The issue ids of the build jobs delivered while the clock moved. */
  async function builtWhile(ms: number): Promise<string[]> {
    const deliveries = await runtime.advance(ms);
    return deliveries
      .map((delivery) => delivery.event.body)
      .filter((body) => body.kind === 'issue')
      .map((body) => String(body.issueId));
  }

  it('an event queues an issue the active trigger matches, not one it does not', async () => {
    await setUpConnection();
    expect(await admin('saveTrigger', { jql: 'labels = tandem' })).toMatchObject({ ok: true });
    const matching = createIssue('Printer on fire', ['tandem']);
    const other = createIssue('Coffee machine', ['kitchen']);
    await runtime.emitProductEvent({ eventType: 'avi:jira:created:issue', issue: { id: matching } });
    await runtime.emitProductEvent({ eventType: 'avi:jira:created:issue', issue: { id: other } });
    expect(await builtWhile(60_000)).toEqual([matching]);
    expect(
      standin.calls.filter((call) => call.includes('/rest/api/3/search/jql')).length,
    ).toBeGreaterThanOrEqual(2);
    expect(await panel(matching, 'recordStatus')).toMatchObject({
      ok: true,
      value: [{ connectionId: CONNECTION_ID, status: { state: 'pending' }, errors: [] }],
    });
    expect(await panel(other, 'recordStatus')).toMatchObject({
      ok: true,
      value: [{ connectionId: CONNECTION_ID, status: { state: 'not-linked' } }],
    });
  });

  it('the sweep finds a matching issue whose event was missed, and an inactive trigger finds nothing', async () => {
    await setUpConnection();
    const saved = (await admin('saveTrigger', { jql: 'labels = tandem' })) as {
      ok: true;
      value: { id: string };
    };
    const inactive = (await admin('saveTrigger', { jql: 'labels = kitchen', active: false })) as { ok: true };
    expect(inactive.ok).toBe(true);
    const missed = createIssue('No event for me', ['tandem']);
    createIssue('Not for Tandem', ['kitchen']);
    // The first sweep runs five minutes after install; its jobs ten seconds later.
    expect(await builtWhile(6 * 60_000)).toEqual([missed]);
    expect(await panel(missed, 'recordStatus')).toMatchObject({
      ok: true,
      value: [{ status: { state: 'pending' } }],
    });
    // The trigger's own cursor is kept: its pass finished, the next starts from this one's start.
    expect(await kvs.get(`sc:${saved.value.id}`)).toMatchObject({ pageToken: null });
  });

  it('the issue panel syncs an issue now, lists and settles its errors, and unlinks it', async () => {
    await setUpConnection();
    const issueId = createIssue('Pressed Sync');
    expect(await panel(issueId, 'syncNow')).toEqual({ ok: true, value: { queued: true } });
    expect(await builtWhile(60_000)).toEqual([issueId]);
    expect(await panel(issueId, 'recordStatus')).toMatchObject({
      ok: true,
      value: [{ status: { state: 'pending' } }],
    });
    expect(await admin('listErrors')).toEqual({ ok: true, value: [] });
    expect(
      await admin('retryError', { connectionId: CONNECTION_ID, queue: 'outbox', key: 'nothing' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });
    expect(await panel(issueId, 'unlinkIssue', { reason: 'Duplicate' })).toEqual({
      ok: true,
      value: [{ connectionId: CONNECTION_ID, result: 'unlinked' }],
    });
    expect(await panel(issueId, 'recordStatus')).toMatchObject({
      ok: true,
      value: [{ status: { state: 'unlinked' } }],
    });
    expect(await panel(issueId, 'unlinkIssue')).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });
});
