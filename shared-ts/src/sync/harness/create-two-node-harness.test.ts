import { helloForTest } from '../../protocol/testing/signed';
import { parseInvitation, type RawMessage } from '../../protocol';
import type { EntityRef } from '../../replica';
import { createTwoNodeHarness, type TwoNodeHarness } from './create-two-node-harness';
import { localFields, syncedFieldsOf } from './harness-rules';

const CASE_FIELDS = localFields('salesforce', {
  summary: 'Printer on fire',
  description: 'Smoke everywhere',
  status: 'New',
  priority: 'High',
  labels: ['hardware'],
});

/** Creates a Case and captures its first replica as it went on the wire, without delivering it. */
async function capturedFirstReplica(harness: TwoNodeHarness): Promise<RawMessage> {
  await harness.createEntity('salesforce', '500A', CASE_FIELDS);
  harness.network.schedule('salesforce', { kind: 'drop' });
  await harness.deliver('salesforce');
  const packet = harness.network.log.at(-1);
  if (!packet) throw new Error('nothing was sent');
  return packet.request;
}

function errorCode(body: string): unknown {
  return (JSON.parse(body) as { error?: { code?: unknown } }).error?.code;
}

describe('createTwoNodeHarness', () => {
  it('pairs the nodes through an invitation code, a signed hello and a verified hello-ack', async () => {
    const harness = await createTwoNodeHarness();
    expect(harness.invitationCode).toMatch(/^TANDEM1-/);
    expect(harness.jira.connectionId).toBe(harness.connectionId);
    expect(harness.salesforce.connectionId).toBe(harness.connectionId);
    const parsed = await parseInvitation(harness.invitationCode, harness.clock.now());
    if (!parsed.ok) throw new Error(parsed.error.message);
    const stored = await harness.jira.invitations.find(parsed.invitation.invitationId);
    expect(stored?.usedBy).not.toBeNull();
  });

  it('refuses a second hello made from the same invitation code', async () => {
    const harness = await createTwoNodeHarness();
    const parsed = await parseInvitation(harness.invitationCode, harness.clock.now());
    if (!parsed.ok) throw new Error(parsed.error.message);
    let counter = 0;
    const intruder = await helloForTest({
      invitation: parsed.invitation,
      platform: 'salesforce',
      site: { name: 'Intruder org', url: 'https://intruder.example.com' },
      clock: harness.clock,
      messageIds: () => `01JD7XKQ2M3N4P5Q6R7S8T9V${String(counter++).padStart(2, '0')}`,
    });

    const answer = await harness.jira.endpoint(intruder.request);

    expect(answer.status).toBe(409);
    expect(errorCode(answer.message.body)).toBe('invitation-used');
  });

  it('syncs a new Case to a new issue and a change back, as signed envelopes', async () => {
    const harness = await createTwoNodeHarness();
    const caseRef = await harness.createEntity('salesforce', '500A', CASE_FIELDS);
    await harness.runUntilQuiet();
    const issue = (await harness.counterpart('salesforce', caseRef)) as EntityRef;
    await harness.editLocal('jira', issue, localFields('jira', { status: 'Done' }));
    await harness.runUntilQuiet();

    const caseView = await harness.salesforce.view(caseRef);
    expect(caseView && syncedFieldsOf('salesforce', caseView)).toEqual({
      summary: 'Printer on fire',
      description: 'Smoke everywhere',
      status: 'Done',
      priority: 'High',
      labels: ['hardware'],
    });
    expect(harness.network.log.every((packet) => packet.request.headers['X-Tandem-Signature'])).toBe(true);
    expect(harness.network.log.map((packet) => [packet.from, packet.kind, packet.outcome])).toEqual([
      ['salesforce', 'replica', 200],
      ['jira', 'replica', 200],
      ['jira', 'replica', 200],
    ]);
  });

  it('refuses a tampered envelope and changes nothing', async () => {
    const harness = await createTwoNodeHarness();
    const genuine = await capturedFirstReplica(harness);
    const tampered = { ...genuine, body: genuine.body.replace('Printer on fire', 'Printer is fine') };

    const answer = await harness.jira.endpoint(tampered);

    expect(answer.status).toBe(401);
    expect(errorCode(answer.message.body)).toBe('signature-invalid');
    expect(harness.jira.inbox.items.size).toBe(0);
    expect(harness.jira.entities.entities.size).toBe(0);
    expect(harness.jira.links.links.size).toBe(0);
    expect((await harness.jira.endpoint(genuine)).status).toBe(200);
  });

  it('refuses an envelope whose bytes were already accepted (a replay)', async () => {
    const harness = await createTwoNodeHarness();
    const genuine = await capturedFirstReplica(harness);
    expect((await harness.jira.endpoint(genuine)).status).toBe(200);
    await harness.process('jira');

    const replay = await harness.jira.endpoint(genuine);

    expect(replay.status).toBe(409);
    expect(errorCode(replay.message.body)).toBe('message-replayed');
    expect(harness.jira.inbox.items.size).toBe(0);
    expect(harness.jira.entities.entities.size).toBe(1);
  });

  it('refuses an envelope that arrives after the five-minute window', async () => {
    const harness = await createTwoNodeHarness();
    const genuine = await capturedFirstReplica(harness);
    harness.clock.advance(5 * 60_000 + 1);

    const answer = await harness.jira.endpoint(genuine);

    expect(answer.status).toBe(401);
    expect(errorCode(answer.message.body)).toBe('timestamp-out-of-window');
    expect(harness.jira.inbox.items.size).toBe(0);
  });

  it('carries an unlink as a signed envelope and stops sync on both sides', async () => {
    const harness = await createTwoNodeHarness();
    const caseRef = await harness.createEntity('salesforce', '500A', CASE_FIELDS);
    await harness.runUntilQuiet();
    const issue = (await harness.counterpart('salesforce', caseRef)) as EntityRef;

    await harness.unlink('jira', issue, 'Unlinked by ana@acme.example');
    await harness.runUntilQuiet();

    expect(harness.network.log.at(-1)).toMatchObject({ from: 'jira', kind: 'unlink', outcome: 200 });
    expect(await harness.salesforce.engine.status(caseRef)).toMatchObject({ state: 'unlinked' });
    expect(
      await harness.editLocal('salesforce', caseRef, localFields('salesforce', { summary: 'x' })),
    ).toEqual({
      kind: 'skipped',
      reason: 'unlinked',
    });
  });
});
