import type { JsonValue } from '../../replica';
import type { ReplicaMessage, SyncMessage } from '../model/sync-message';
import { receiveMessage } from './receive-message';
import { hashedReplicaOf, replicaOf, SALESFORCE_CASE } from '../testing/fixtures';
import { createTestNode } from '../testing/test-node';

async function fromCase(seq: number): Promise<ReplicaMessage> {
  return {
    kind: 'replica',
    replica: await hashedReplicaOf({ entity: SALESFORCE_CASE, seq }),
    target: null,
    applied: 0,
  };
}

describe('receiveMessage', () => {
  it('persists a replica in the inbox under the sender entity, due at once', async () => {
    const node = createTestNode({ platform: 'jira', type: 'issue' });
    expect(await receiveMessage(node.engine.context, await fromCase(1))).toEqual({ ok: true });
    expect(await node.inbox.get('conn-1:Case:500A')).toMatchObject({
      state: 'pending',
      attempts: 0,
      nextAttemptAt: '2026-11-20T10:00:00.000Z',
      message: { replica: { seq: 1 } },
    });
  });

  it('keeps one item per entity: the newest replica, with those it replaced in seq order', async () => {
    const node = createTestNode({ platform: 'jira', type: 'issue' });
    await receiveMessage(node.engine.context, await fromCase(2));
    await receiveMessage(node.engine.context, await fromCase(3));
    await receiveMessage(node.engine.context, await fromCase(1));
    expect(node.inbox.items.size).toBe(1);
    const waiting = await node.inbox.get('conn-1:Case:500A');
    expect(waiting?.message).toMatchObject({ replica: { seq: 3 } });
    expect(waiting?.replaced?.map((message) => message.replica.seq)).toEqual([1, 2]);
  });

  it('drops a replica whose seq is already waiting', async () => {
    const node = createTestNode({ platform: 'jira', type: 'issue' });
    await receiveMessage(node.engine.context, await fromCase(3));
    await receiveMessage(node.engine.context, await fromCase(3));
    expect(node.log.entries.at(-1)?.message).toBe(
      'Dropped replica seq 3 of salesforce Case 500A: seq 3 is already waiting.',
    );
  });

  it('lets an unlink replace a waiting replica', async () => {
    const node = createTestNode({ platform: 'jira', type: 'issue' });
    await receiveMessage(node.engine.context, await fromCase(2));
    await receiveMessage(node.engine.context, {
      kind: 'unlink',
      entity: SALESFORCE_CASE,
      target: null,
      reason: null,
    });
    expect((await node.inbox.get('conn-1:Case:500A'))?.message?.kind).toBe('unlink');
  });

  it.each([
    ['a replica without an entity', { kind: 'replica', replica: { seq: 1 }, target: null, applied: 0 }],
    ['a replica with seq 0', { kind: 'replica', replica: replicaOf({ seq: 0 }), target: null, applied: 0 }],
    ['a replica message without applied', { kind: 'replica', replica: replicaOf(), target: null }],
    [
      'a replica message with an unknown policy',
      { kind: 'replica', replica: replicaOf(), target: null, applied: 0, policy: 'first-wins' },
    ],
    [
      'a replica message that says it carries more items than it has',
      {
        kind: 'replica',
        replica: replicaOf(),
        target: null,
        applied: 0,
        trimmed: { comments: { sent: 3, total: 2 }, attachments: { sent: 0, total: 0 } },
      },
    ],
    ['an unknown kind', { kind: 'hello' }],
    ['an unlink without entity', { kind: 'unlink', target: null, reason: null }],
    [
      'an unlink with a reason that is not text',
      { kind: 'unlink', entity: SALESFORCE_CASE, target: null, reason: 7 },
    ],
  ])('refuses %s with a schema failure and stores nothing', async (_name, message) => {
    const node = createTestNode({ platform: 'jira', type: 'issue' });
    const result = await receiveMessage(node.engine.context, message as unknown as SyncMessage);
    expect(result).toMatchObject({ ok: false, error: { code: 'schema' } });
    expect(node.inbox.items.size).toBe(0);
  });

  it('reports a failing inbox store instead of acknowledging', async () => {
    const node = createTestNode({ platform: 'jira', type: 'issue' });
    node.inbox.put = () => Promise.reject(new Error('KVS unavailable'));
    expect(await receiveMessage(node.engine.context, await fromCase(1))).toEqual({
      ok: false,
      error: { code: 'unexpected', message: 'KVS unavailable' },
    });
  });

  describe('refusals (permanent, nothing stored), where the replica used to be taken', () => {
    async function refusal(message: unknown): Promise<unknown> {
      const node = createTestNode({ platform: 'jira', type: 'issue' });
      const result = await receiveMessage(node.engine.context, message as SyncMessage);
      expect(node.inbox.items.size).toBe(0);
      return result;
    }

    async function replicaMessage(overrides: Parameters<typeof replicaOf>[0], target: unknown = null) {
      return {
        kind: 'replica',
        replica: await hashedReplicaOf({ entity: SALESFORCE_CASE, ...overrides }),
        target,
        applied: 0,
      };
    }

    it('refuses seq 2^53, past the largest seq a replica may have (schema)', async () => {
      expect(await refusal(await replicaMessage({ seq: 2 ** 53 }))).toMatchObject({
        ok: false,
        error: {
          code: 'schema',
          message: expect.stringContaining('/seq: must be at most 9007199254740991'),
        },
      });
    });

    it('refuses a replica whose hash is not the hash of its content (hash-mismatch)', async () => {
      const message = await replicaMessage({});
      const altered = { ...message, replica: { ...message.replica, summary: 'changed on the way' } };
      expect(await refusal(altered)).toMatchObject({
        ok: false,
        error: { code: 'hash-mismatch', message: expect.stringContaining('its content hashes to') },
      });
    });

    it.each([
      [
        'the entity url',
        { entity: { ...SALESFORCE_CASE, url: 'javascript:alert(document.cookie)' } },
        '/entity/url',
      ],
      ['the parent url', { parent: { url: 'javascript:alert(1)' } }, '/parent/url'],
    ])(
      'refuses a javascript: URL in %s, which the link status would show (schema)',
      async (_where, overrides, path) => {
        expect(await refusal(await replicaMessage(overrides))).toMatchObject({
          ok: false,
          error: {
            code: 'schema',
            message: expect.stringContaining(`${path}: must be an http or https URL`),
          },
        });
      },
    );

    it('refuses a timestamp on a day that does not exist, 2026-02-31 (schema)', async () => {
      expect(await refusal(await replicaMessage({ created: '2026-02-31T00:00:00Z' }))).toMatchObject({
        ok: false,
        error: { code: 'schema', message: expect.stringContaining('/created: must be a day that exists') },
      });
    });

    it('refuses a replica nested 6,000 levels deep (schema), where it used to throw RangeError', async () => {
      let deep: JsonValue = 'bottom';
      for (let i = 0; i < 6000; i++) deep = { inner: deep };
      const replica = { ...replicaOf({ entity: SALESFORCE_CASE }), custom: { deep } };
      expect(await refusal({ kind: 'replica', replica, target: null, applied: 0 })).toMatchObject({
        ok: false,
        error: { code: 'schema', message: expect.stringContaining('is nested more than 256 levels deep') },
      });
    });

    it.each([
      ['an entity of another type', { platform: 'jira', type: 'project', id: '10000' }],
      ['an entity of another platform', { platform: 'salesforce', type: 'Case', id: '500B' }],
    ])('refuses a replica whose target is %s (target-invalid)', async (_what, target) => {
      expect(await refusal(await replicaMessage({}, target))).toMatchObject({
        ok: false,
        error: {
          code: 'target-invalid',
          message: expect.stringContaining('which this side does not sync: it syncs jira issue'),
        },
      });
    });

    it('refuses a replica of an entity of our own platform: one of ours sent back (own-entity)', async () => {
      const message = await replicaMessage({ entity: { platform: 'jira', type: 'issue', id: 'issue-1' } });
      expect(await refusal(message)).toMatchObject({ ok: false, error: { code: 'own-entity' } });
    });

    it.each([
      [
        'of our own entity',
        { entity: { platform: 'jira', type: 'issue', id: '1' }, target: null, reason: null },
        'own-entity',
      ],
      [
        'targeting another type',
        { entity: SALESFORCE_CASE, target: { platform: 'jira', type: 'sprint', id: '1' }, reason: null },
        'target-invalid',
      ],
      [
        'with a javascript: URL',
        { entity: { ...SALESFORCE_CASE, url: 'javascript:x' }, target: null, reason: null },
        'schema',
      ],
      [
        'with a reason of 1,001 characters',
        { entity: SALESFORCE_CASE, target: null, reason: 'x'.repeat(1001) },
        'schema',
      ],
    ])('refuses an unlink %s (%s)', async (_what, body, code) => {
      expect(await refusal({ kind: 'unlink', ...body })).toMatchObject({ ok: false, error: { code } });
    });

    it.each([null, 'replica', [], 7, { kind: 'replica', replica: null }, { kind: 'replica', replica: [] }])(
      'refuses %j, which is not a message, without throwing (schema)',
      async (value) => {
        expect(await refusal(value)).toMatchObject({ ok: false, error: { code: 'schema' } });
      },
    );
  });
});
