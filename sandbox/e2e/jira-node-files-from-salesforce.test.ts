/**
 * Files Salesforce -> Jira through the Jira node as installed: the Case's replica is pushed and
 * applied by the consumer, the Jira node's pull answer (`batch`) carries its wants for the Case's
 * file, the Salesforce side (the core's client on in-memory ports) answers them with
 * `attachment-chunks`, and the rendezvous finds the file's attachments-queue item by its remote
 * attachment id in KVS (`findAttachmentItem`) and uploads the file to the issue.
 */
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { CONNECTION_FORMAT, type AttachmentSource, type RulesEngine } from '@tandem/shared-ts/engine';
import { answerBatchWants } from '@tandem/shared-ts/internal';
import {
  createMessageIdGenerator,
  pullOnce,
  pushOutbox,
  THIS_NODE_SPEAKS,
  type RendezvousClientDeps,
  type SignedMessage,
} from '@tandem/shared-ts/protocol';
import { compile, DEFAULT_RULES } from '@tandem/shared-ts/rules';
import type { JsonValue } from '@tandem/shared-ts/replica';
import {
  createTestNode,
  InMemoryAckStore,
  InMemoryReplayCache,
  ManualClock,
  mirrorRules,
  seedEntity,
} from '@tandem/shared-ts/testing';
import { createForgeStores } from '../../forge-app/src/store';
import { ForgeSetupStore } from '../../forge-app/src/store/app-stores';
import { installForgeRuntime, type ForgeRuntime } from '../forge';
import { startJiraStandin, type JiraStandin } from '../jira';

const CONNECTION_ID = 'conn-files';
const SECRET = Buffer.from(Array.from({ length: 32 }, (_, i) => 255 - i)).toString('base64url');
/** A file of three chunks' worth and a little more (chunks are 90 KiB): the answer carries them all. */
const INVOICE = Uint8Array.from({ length: 300_000 }, (_, i) => (i * 7 + (i >> 9)) & 0xff);
const INVOICE_SHA = createHash('sha256').update(INVOICE).digest('hex');

let standin: JiraStandin;
let runtime: ForgeRuntime;

beforeEach(async () => {
  standin = await startJiraStandin();
  runtime = installForgeRuntime({
    storage: ':memory:',
    jiraBaseUrl: standin.baseUrl,
    clock: new ManualClock(Date.now()),
  });
  runtime.load(join(__dirname, '..', '..', 'manifest.yml'));
});

afterEach(async () => {
  await runtime.close();
  await standin.close();
});

function compiled(direction: 'incoming' | 'outgoing') {
  const result = compile(DEFAULT_RULES.jira[direction], 'jira', direction);
  if (!result.ok) throw new Error(result.error.message);
  return result.ir;
}

async function setUp(): Promise<void> {
  const setups = new ForgeSetupStore();
  await setups.writeSetup({ site: { name: 'Acme Jira', url: standin.baseUrl } });
  const incomingIr = compiled('incoming');
  await setups.writeRules(CONNECTION_ID, {
    incomingIr,
    outgoingIr: compiled('outgoing'),
    dependencies: incomingIr.dependencies,
  });
  await createForgeStores().connections.save({
    format: CONNECTION_FORMAT,
    connectionId: CONNECTION_ID,
    connectionName: 'Acme support',
    secret: SECRET,
    peer: { platform: 'salesforce', site: { name: 'Acme', url: 'https://acme.my.salesforce.com' } },
    speaks: { ...THIS_NODE_SPEAKS },
    peerSpeaks: { ...THIS_NODE_SPEAKS },
  });
}

/** The mirror rules, sending the Case's files (`attachments` in its view) with `ref` `ContentVersion:<id>`. */
const caseRules: RulesEngine = (script, side, direction, inputs) => {
  const base = mirrorRules(script, side, direction, inputs);
  if (!base.ok || direction !== 'outgoing') return base;
  const files = (inputs.entity?.attachments ?? []) as { id: string; filename: string; size: number }[];
  const attachments: JsonValue = files.map((file) => ({
    id: file.id,
    filename: file.filename,
    mimeType: 'application/pdf',
    size: file.size,
    sha256: INVOICE_SHA,
    created: '2026-12-01T00:00:00.000Z',
    author: null,
    ref: `ContentVersion:${file.id}`,
  }));
  return { ...base, output: { ...base.output, attachments } };
};

/** Salesforce's files, read by range (`ContentVersion.VersionData` in the real org). */
const caseFiles: AttachmentSource = {
  describe: async (ref) =>
    ref === 'ContentVersion:068A'
      ? {
          id: '068A',
          filename: 'invoice.pdf',
          size: INVOICE.length,
          sha256: INVOICE_SHA,
          platformName: 'Salesforce',
        }
      : null,
  read: async (ref, offset, length) =>
    ref === 'ContentVersion:068A' ? INVOICE.slice(offset, offset + length) : null,
};

describe('files from Salesforce to the Jira node on the stand-ins', () => {
  it('uploads a file of the Case to its Jira issue with the same name and bytes, through the wants of a pull', async () => {
    await setUp();
    const clock = new ManualClock(Date.now());
    const salesforce = createTestNode({
      platform: 'salesforce',
      type: 'Case',
      clock,
      connectionId: CONNECTION_ID,
      runRules: caseRules,
    });
    const client: RendezvousClientDeps = {
      connectionId: CONNECTION_ID,
      secret: SECRET,
      speaks: { ...THIS_NODE_SPEAKS },
      engine: salesforce.engine,
      clock,
      messageIds: createMessageIdGenerator({ clock }),
      answerReplayCache: new InMemoryReplayCache(clock),
      attachments: {
        source: caseFiles,
        allowance: {
          get: async () => ({ bytes: 0, version: 0 }),
          put: async () => ({ ok: true, version: 1 }),
        },
      },
      post: async (signed: SignedMessage) => {
        const answer = await runtime.invokeWebTrigger('tandem-rendezvous', {
          method: 'POST',
          path: '/rendezvous',
          queryParameters: {},
          headers: Object.fromEntries(
            Object.entries(signed.headers).map(([name, value]) => [name.toLowerCase(), [value]]),
          ),
          body: signed.body,
        });
        return {
          ok: true,
          answer: { statusCode: answer.statusCode, headers: answer.headers ?? {}, body: answer.body ?? '' },
        };
      },
    };

    const caseRef = seedEntity(salesforce, 'case-1', {
      title: 'Invoice disputed',
      state: 'New',
      attachments: [{ id: '068A', filename: 'invoice.pdf', size: INVOICE.length }],
    });
    expect((await salesforce.engine.syncLocalChange(caseRef)).kind).toBe('enqueued');
    expect(await pushOutbox(client)).toMatchObject({ done: 1, failed: 0 });
    await runtime.runDue();
    const [issue] = [...standin.model.issues.values()];
    if (!issue) throw new Error('no issue was created');
    expect(issue.fields.get('summary')).toBe('Invoice disputed');
    expect(issue.attachments).toEqual([]);

    // The pull's batch carries the Jira node's want for the file; the answer uploads it.
    const pulled = await pullOnce({ ...client, acks: new InMemoryAckStore(), limit: 10 });
    if (!pulled.ok) throw new Error(pulled.error.message);
    expect(pulled.wants?.items).toEqual([{ id: '068A', ref: 'ContentVersion:068A', from: 0 }]);
    expect(await answerBatchWants(client, pulled.wants ?? { inReplyTo: '', items: [] })).toEqual({
      ok: true,
      files: 1,
      chunks: 4,
    });
    expect(issue.attachments.map((file) => file.filename)).toEqual(['invoice.pdf']);
    expect(Buffer.from(issue.attachments[0]?.bytes ?? []).equals(Buffer.from(INVOICE))).toBe(true);

    // Stored once: the item is gone, so the next pull wants nothing more.
    const again = await pullOnce({ ...client, acks: new InMemoryAckStore(), limit: 10 });
    expect(again).toMatchObject({ ok: true });
    expect(again.ok && again.wants).toBeFalsy();
    expect(issue.attachments).toHaveLength(1);
  });
});
