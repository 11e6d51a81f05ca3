/**
 * Files both ways between the package's TypeScript twin and a Jira test node serving the
 * rendezvous over HTTP (the core's handler): a file added to a Case reaches the issue through the
 * wants of a pull, and a file of the issue becomes a ContentVersion on the Case through the
 * twin's attachment fetch, with the same name and bytes.
 */
import { createHash } from 'node:crypto';
import type { AttachedFile, AttachmentSource, AttachmentStore, RulesEngine } from '@tandem/shared-ts/engine';
import { createMessageIdGenerator, THIS_NODE_SPEAKS, type RendezvousDeps } from '@tandem/shared-ts/protocol';
import type { Replica, ReplicaAttachment } from '@tandem/shared-ts/replica';
import {
  createTestNode,
  InMemoryInvitationStore,
  InMemoryReplayCache,
  InMemoryWorkQueue,
  ManualClock,
  mirrorRules,
  type TestNode,
} from '@tandem/shared-ts/testing';
import { SalesforceOrg } from '../model';
import { TwinAllowance, TwinChunkStore } from './content-version-files';
import type { SalesforceTwin } from './salesforce-twin';
import { startTwinOnRendezvous, type TwinOnRendezvous } from './serve-rendezvous';

const CONNECTION_ID = 'conn-twin-files';
const SECRET = Buffer.from(Array.from({ length: 32 }, (_, i) => 200 - i)).toString('base64url');

/** `length` bytes of a pattern; over 90 KiB (a chunk), so a file takes several chunks. */
function fileBytes(length: number, seed: number): Uint8Array {
  return Uint8Array.from({ length }, (_, i) => (i * seed + (i >> 8)) & 0xff);
}
const sha256Of = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** An issue's file as the test node's view keeps it. */
interface ViewFile {
  id: string;
  filename: string;
  mimeType: string;
  size: number;
  sha256?: string | null;
}

/** The mirror rules with the issue's files both ways; the replica's `ref` is `attachment:<id>`. */
const jiraRules: RulesEngine = (script, side, direction, inputs) => {
  const base = mirrorRules(script, side, direction, inputs);
  if (!base.ok) return base;
  if (direction === 'outgoing') {
    const files = (inputs.entity?.attachments ?? []) as unknown as ViewFile[];
    const attachments: ReplicaAttachment[] = files.map((file) => ({
      id: file.id,
      filename: file.filename,
      mimeType: file.mimeType,
      size: file.size,
      sha256: file.sha256 ?? null,
      created: '2026-12-01T00:00:00.000Z',
      author: null,
      ref: `attachment:${file.id}`,
    }));
    return { ...base, output: { ...base.output, attachments } };
  }
  const replica = inputs.replica as unknown as Replica;
  const attachments = replica.attachments.map((file) => ({
    id: file.id,
    filename: file.filename,
    mimeType: file.mimeType,
    size: file.size,
  }));
  return {
    ...base,
    output: { ...base.output, attachments },
    writes: [...base.writes, { path: ['attachments'], value: attachments }],
  };
};

/** The Jira node's files by `ref` (served), and the files it stored from the twin, by key. */
class JiraFiles implements AttachmentSource, AttachmentStore {
  readonly served = new Map<string, { id: string; filename: string; bytes: Uint8Array }>();
  readonly stored = new Map<string, AttachedFile>();

  async describe(ref: string) {
    const file = this.served.get(ref);
    return file
      ? { id: file.id, filename: file.filename, size: file.bytes.length, sha256: sha256Of(file.bytes) }
      : null;
  }

  async read(ref: string, offset: number, length: number) {
    return this.served.get(ref)?.bytes.slice(offset, offset + length) ?? null;
  }

  async storedHash(connectionId: string, local: { id: string }, remoteAttachmentId: string) {
    const file = [...this.stored.values()].find(
      (f) =>
        f.connectionId === connectionId &&
        f.local.id === local.id &&
        f.remoteAttachmentId === remoteAttachmentId,
    );
    return file?.sha256 ?? null;
  }

  async attach(file: AttachedFile) {
    if (this.stored.has(file.key)) return { ok: true as const, created: false };
    this.stored.set(file.key, { ...file, bytes: file.bytes.slice() });
    return { ok: true as const, created: true };
  }

  async addNote() {
    return { ok: true as const };
  }
}

let nodes: TwinOnRendezvous;
let jira: TestNode;
let jiraFiles: JiraFiles;
let jiraQueue: InMemoryWorkQueue;
let org: SalesforceOrg;
let twin: SalesforceTwin;
let clock: ManualClock;

beforeEach(async () => {
  clock = new ManualClock(Date.now());
  jiraFiles = new JiraFiles();
  jiraQueue = new InMemoryWorkQueue();
  jira = createTestNode({
    platform: 'jira',
    type: 'issue',
    clock,
    connectionId: CONNECTION_ID,
    runRules: jiraRules,
    attachments: { queue: jiraQueue, store: jiraFiles, chunks: new TwinChunkStore() },
    attachmentTransfer: true,
  });
  const deps: RendezvousDeps = {
    connection: async (id) =>
      id === CONNECTION_ID
        ? {
            secret: SECRET,
            speaks: { ...THIS_NODE_SPEAKS },
            engine: jira.engine,
            findQueued: async (messageId) =>
              [...jira.outbox.items.values()].find((item) => item.messageId === messageId) ?? null,
            attachments: { source: jiraFiles, allowance: new TwinAllowance() },
            findAttachmentItem: async (remoteId) =>
              [...jiraQueue.items.values()].find((item) => item.attachment?.remote.id === remoteId) ?? null,
          }
        : null,
    saveConnection: async () => {},
    invitations: new InMemoryInvitationStore(),
    replayCache: new InMemoryReplayCache(clock),
    clock,
    messageIds: createMessageIdGenerator({ clock }),
    platform: 'jira',
    site: { name: 'Acme Jira', url: 'https://acme.atlassian.net' },
  };
  nodes = await startTwinOnRendezvous(deps, { clock, connectionId: CONNECTION_ID, secret: SECRET });
  ({ org, twin } = nodes);
});

afterEach(() => nodes.close());

function insert(type: string, values: Record<string, unknown>): string {
  const created = org.insert(type, values, org.personUserId);
  if (!created.ok) throw new Error(created.error.message);
  return created.value;
}

describe("the Salesforce twin's files", () => {
  it('sends a file added to a Case to the Jira node with the same name and bytes, answering the wants of a pull', async () => {
    const caseId = insert('Case', { Subject: 'Invoice disputed', Priority: 'High' });
    await twin.puller.runOnce();
    await jira.engine.processInbox();
    const invoice = fileBytes(200_000, 7);
    insert('ContentVersion', {
      Title: 'invoice',
      PathOnClient: 'invoice.pdf',
      VersionData: Buffer.from(invoice).toString('base64'),
      FirstPublishLocationId: caseId,
    });

    // The file's link makes the Case change: its replica goes out, and the Jira node wants the file.
    const sent = await twin.puller.runOnce();
    expect(sent.captured.queued).toEqual([caseId]);
    expect(sent.pushed.done).toBe(1);
    await jira.engine.processInbox();
    expect(jiraQueue.items.size).toBe(1);

    const answered = await twin.puller.runOnce();
    expect(answered.failures).toEqual([]);
    expect(answered.files.answered).toEqual({ files: 1, chunks: 3 });
    const stored = [...jiraFiles.stored.values()];
    expect(stored.map((file) => file.filename)).toEqual(['invoice.pdf']);
    expect(Buffer.from(stored[0]?.bytes ?? []).equals(Buffer.from(invoice))).toBe(true);
    expect(stored[0]?.sha256).toBe(sha256Of(invoice));
    expect(jiraQueue.items.size).toBe(0);

    // Stored once: the next run is asked for nothing.
    const quiet = await twin.puller.runOnce();
    expect(quiet.files.answered).toEqual({ files: 0, chunks: 0 });
    expect(jiraFiles.stored.size).toBe(1);
  });

  it("makes a file of the Jira issue a ContentVersion on the Case, fetched by the twin's run, and sends nothing back", async () => {
    const caseId = insert('Case', { Subject: 'Printer broken', Priority: 'High' });
    await twin.puller.runOnce();
    await jira.engine.processInbox();
    const [issue] = [...jira.entities.entities.values()];
    if (!issue) throw new Error('no issue was created');
    const log = fileBytes(150_000, 13);
    jiraFiles.served.set('attachment:10001', { id: '10001', filename: 'printer.log', bytes: log });
    jira.entities.edit(issue.ref, {
      attachments: [{ id: '10001', filename: 'printer.log', mimeType: 'text/plain', size: log.length }],
    });
    expect((await jira.engine.syncLocalChange(issue.ref)).kind).toBe('enqueued');

    const run = await twin.puller.runOnce();
    expect(run.failures).toEqual([]);
    expect(run.applied).toMatchObject({ done: 1, failed: 0 });
    expect(run.files.fetched).toEqual({ stored: 1, noted: 0, partial: 0, failed: 0 });
    const versions = org.all('ContentVersion');
    expect(versions.map((v) => [v.fields.PathOnClient, v.fields.CreatedById])).toEqual([
      ['printer.log', org.integrationUserId],
    ]);
    const versionId = String(versions[0]?.fields.Id);
    expect(Buffer.from(org.versionData.get(versionId) ?? []).equals(Buffer.from(log))).toBe(true);
    const links = org
      .all('ContentDocumentLink')
      .filter((link) => link.fields.ContentDocumentId === versions[0]?.fields.ContentDocumentId);
    expect(links.map((link) => link.fields.LinkedEntityId)).toEqual([caseId]);
    expect(twin.files.queue.items.size).toBe(0);

    // The stored file was not captured, and a second run fetches nothing again.
    const next = await twin.puller.runOnce();
    expect(next.captured.queued).toEqual([]);
    expect(next.pushed.done).toBe(0);
    expect(next.files.fetched.stored).toBe(0);
    expect(org.all('ContentVersion')).toHaveLength(1);
  });
});
