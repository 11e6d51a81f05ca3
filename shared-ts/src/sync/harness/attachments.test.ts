import type { EntityRef } from '../../replica';
import { METADATA_ONLY } from '../status/read-link-status';
import { createTwoNodeHarness, type TwoNodeHarness } from './create-two-node-harness';
import { localFields, syncedFieldsOf, type SyncedFields } from './harness-rules';

const START: SyncedFields = {
  summary: 'Printer on fire',
  description: 'Smoke everywhere',
  status: 'New',
  priority: 'High',
  labels: ['hardware'],
};

function bytesOf(size: number, seed: number): Uint8Array {
  return Uint8Array.from({ length: size }, (_, i) => (i * 31 + seed + (i >> 8)) & 0xff);
}

const LOG = bytesOf(100_000, 1);
const SHOT = bytesOf(500, 2);
const SCAN = bytesOf(300, 3);
const TRACE = bytesOf(120_000, 5);
/** Nine chunks: more than one answer carries. */
const BIG = bytesOf(800_000, 7);

/** A Jira issue paired with a Case through the rendezvous, Jira serving files up to 150,000 bytes. */
async function linkedPair(
  options: Parameters<typeof createTwoNodeHarness>[0] = {},
): Promise<{ harness: TwoNodeHarness; issue: EntityRef; caseRef: EntityRef }> {
  const harness = await createTwoNodeHarness({
    topology: 'rendezvous',
    attachmentCaps: { maxFileBytes: 150_000 },
    ...options,
  });
  const issue = await harness.createEntity('jira', '10042', localFields('jira', START));
  await harness.runUntilQuiet();
  const caseRef = await harness.counterpart('jira', issue);
  if (!caseRef) throw new Error('the pair was not made');
  return { harness, issue, caseRef };
}

function same(a: Uint8Array | undefined, b: Uint8Array): boolean {
  return a !== undefined && Buffer.from(a).equals(Buffer.from(b));
}

function filenames(view: Record<string, unknown> | null): string[] {
  const list = (view?.attachments ?? []) as { filename: string }[];
  return list.map((file) => file.filename).sort();
}

describe('attachments in the two-node harness (rendezvous topology)', () => {
  it("files added on both sides travel both ways, checked and once; one over each side's cap arrives as a note", async () => {
    const { harness, issue, caseRef } = await linkedPair({
      salesforceAttachmentCaps: { maxFileBytes: 150_000 },
    });
    await harness.addFile('jira', issue, { id: 'j1', filename: 'log.txt', bytes: LOG });
    await harness.addFile('jira', issue, { id: 'j2', filename: 'dump.bin', bytes: bytesOf(200_000, 4) });
    await harness.addFile('salesforce', caseRef, { id: 's1', filename: 'scan.pdf', bytes: SCAN });
    await harness.addFile('salesforce', caseRef, { id: 's2', filename: 'trace.log', bytes: TRACE });
    await harness.addFile('salesforce', caseRef, {
      id: 's3',
      filename: 'video.mp4',
      bytes: bytesOf(160_000, 6),
    });
    const quiet = await harness.runUntilQuiet();
    expect(quiet.errors).toEqual({ jira: [], salesforce: [] });

    const stored = harness.salesforce.files.store.filesOf(caseRef);
    expect(stored.map((file) => file.filename)).toEqual(['log.txt']);
    expect(same(stored[0]?.bytes, LOG)).toBe(true);
    expect([...harness.salesforce.files.store.notes.values()].map((note) => note.text)).toEqual([
      'File dump.bin (195.3 KB) is over the 146.5 KB limit; open it in Jira',
    ]);
    const inJira = harness.jira.files.store.filesOf(issue);
    expect(inJira.map((file) => file.filename).sort()).toEqual(['scan.pdf', 'trace.log']);
    expect(same(inJira.find((file) => file.filename === 'scan.pdf')?.bytes, SCAN)).toBe(true);
    expect(same(inJira.find((file) => file.filename === 'trace.log')?.bytes, TRACE)).toBe(true);
    expect([...harness.jira.files.store.notes.values()].map((note) => note.text)).toEqual([
      'File video.mp4 (156.3 KB) is over the 146.5 KB limit; open it in Salesforce',
    ]);
    const all = ['dump.bin', 'log.txt', 'scan.pdf', 'trace.log', 'video.mp4'];
    expect(filenames(await harness.salesforce.view(caseRef))).toEqual(all);
    expect(filenames(await harness.jira.view(issue))).toEqual(all);
    for (const side of ['jira', 'salesforce'] as const) {
      expect(harness[side].files.queue.items.size).toBe(0);
      expect(harness[side].files.chunks.chunks.size).toBe(0);
    }
    expect((await harness.jira.engine.status(issue)).message ?? '').not.toContain(METADATA_ONLY);
    expect((await harness.salesforce.engine.status(caseRef)).message ?? '').not.toContain(METADATA_ONLY);
    // Salesforce only calls out: Jira's wants came in batches, the files in requests of their own.
    expect(harness.network.log.every((packet) => packet.from === 'salesforce')).toBe(true);
    expect(harness.network.log.some((packet) => packet.kind === 'attachment-chunks')).toBe(true);
  });

  it("with a Salesforce that speaks attachments-v1 but not attachments-both-ways, Salesforce's files reach Jira as metadata only and Jira's status says so", async () => {
    const { harness, issue, caseRef } = await linkedPair({
      salesforceSpeaks: { protocol: [1], replica: [1, 2], capabilities: ['attachments-v1', 'batch-push'] },
    });
    await harness.addFile('jira', issue, { id: 'j1', filename: 'log.txt', bytes: LOG });
    await harness.addFile('salesforce', caseRef, { id: 's1', filename: 'scan.pdf', bytes: SCAN });
    expect((await harness.runUntilQuiet()).errors).toEqual({ jira: [], salesforce: [] });
    expect(harness.salesforce.files.store.filesOf(caseRef).map((file) => file.filename)).toEqual(['log.txt']);
    expect(filenames(await harness.jira.view(issue))).toEqual(['log.txt', 'scan.pdf']);
    expect(harness.jira.files.store.files.size).toBe(0);
    expect(harness.jira.files.queue.items.size).toBe(0);
    expect(harness.network.log.some((packet) => packet.kind === 'attachment-chunks')).toBe(false);
    expect((await harness.jira.engine.status(issue)).message).toContain(METADATA_ONLY);
    expect((await harness.salesforce.engine.status(caseRef)).message ?? '').not.toContain(METADATA_ONLY);
  });

  it("Salesforce's files reach Jira once, a nine-chunk file over several answers, through a lost pull answer, lost answer acks and a repeated answer", async () => {
    const { harness, issue, caseRef } = await linkedPair();
    await harness.addFile('salesforce', caseRef, { id: 's1', filename: 'scan.pdf', bytes: SCAN });
    await harness.addFile('salesforce', caseRef, { id: 's2', filename: 'trace.log', bytes: BIG });
    await harness.addFile('salesforce', caseRef, { id: 's3', filename: 'shot.png', bytes: SHOT });
    await harness.deliver('salesforce');
    await harness.process('jira');
    expect(harness.jira.files.queue.items.size).toBe(3);
    await harness.editLocal('jira', issue, localFields('jira', { status: 'Working' }));
    harness.network.schedule(
      'jira',
      { kind: 'drop-ack' },
      { kind: 'none' },
      { kind: 'drop-ack' },
      { kind: 'none' },
      { kind: 'drop-ack' },
      { kind: 'none' },
      { kind: 'duplicate' },
      { kind: 'none' },
      { kind: 'drop' },
    );
    const quiet = await harness.runUntilQuiet();
    expect(quiet.errors).toEqual({ jira: [], salesforce: [] });
    const inJira = harness.jira.files.store.filesOf(issue);
    expect(inJira.map((file) => file.filename).sort()).toEqual(['scan.pdf', 'shot.png', 'trace.log']);
    expect(same(inJira.find((file) => file.filename === 'trace.log')?.bytes, BIG)).toBe(true);
    expect(harness.jira.files.store.files.size).toBe(3);
    expect(harness.jira.files.queue.items.size).toBe(0);
    expect(harness.jira.files.chunks.chunks.size).toBe(0);
    const faulted = harness.network.log.filter((packet) => packet.fault !== null);
    expect(faulted.map((packet) => `${packet.kind}:${packet.fault ?? ''}`)).toEqual(
      expect.arrayContaining(['pull:drop-ack', 'attachment-chunks:drop-ack', 'attachment-chunks:duplicate']),
    );
  });

  it('a file corrupted at the sender lands alone in the error list with its code; the fields still sync, and a retry after the repair stores it', async () => {
    const { harness, issue, caseRef } = await linkedPair();
    await harness.addFile('jira', issue, { id: 'j1', filename: 'log.txt', bytes: LOG });
    await harness.addFile('jira', issue, { id: 'j2', filename: 'shot.png', bytes: SHOT });
    const source = harness.jira.files.source.files.get('attachment:j1');
    if (!source) throw new Error('no j1');
    const corrupt = source.bytes.slice();
    corrupt[95_000] = (corrupt[95_000] ?? 0) ^ 0x01;
    harness.jira.files.source.add('attachment:j1', source.meta, corrupt);
    await harness.editLocal('jira', issue, localFields('jira', { summary: 'Printer still on fire' }));
    const quiet = await harness.runUntilQuiet();
    expect(quiet.errors.jira).toEqual([]);
    expect(quiet.errors.salesforce.map((error) => [error.queue, error.item.lastError?.code])).toEqual([
      ['attachments', 'attachment-hash-mismatch'],
    ]);
    const caseView = await harness.salesforce.view(caseRef);
    expect(caseView && syncedFieldsOf('salesforce', caseView).summary).toBe('Printer still on fire');
    expect(harness.salesforce.files.store.filesOf(caseRef).map((file) => file.filename)).toEqual([
      'shot.png',
    ]);

    harness.jira.files.source.add('attachment:j1', source.meta, source.bytes);
    const [failed] = quiet.errors.salesforce;
    if (!failed) throw new Error('no error');
    expect(await harness.salesforce.engine.retry('attachments', failed.item.key)).toEqual({
      kind: 'retrying',
    });
    expect((await harness.runUntilQuiet()).errors).toEqual({ jira: [], salesforce: [] });
    const log = harness.salesforce.files.store.filesOf(caseRef).find((file) => file.filename === 'log.txt');
    expect(same(log?.bytes, LOG)).toBe(true);
  });

  it('wants lost, answered but their answer lost, duplicated or delayed, and replicas delivered again, still store each file once', async () => {
    const { harness, issue, caseRef } = await linkedPair();
    await harness.addFile('jira', issue, { id: 'j1', filename: 'log.txt', bytes: LOG });
    await harness.addFile('jira', issue, { id: 'j2', filename: 'shot.png', bytes: SHOT });
    await harness.deliver('jira');
    await harness.process('salesforce');
    harness.network.schedule(
      'jira',
      { kind: 'drop' },
      { kind: 'drop-ack' },
      { kind: 'duplicate' },
      { kind: 'delay', ms: 5_000 },
      { kind: 'drop-ack' },
    );
    await harness.fetchAttachments();
    await harness.editLocal('jira', issue, localFields('jira', { status: 'Working' }));
    const quiet = await harness.runUntilQuiet();
    expect(quiet.errors).toEqual({ jira: [], salesforce: [] });
    const stored = harness.salesforce.files.store.filesOf(caseRef);
    expect(stored.map((file) => file.filename).sort()).toEqual(['log.txt', 'shot.png']);
    expect(same(stored.find((file) => file.filename === 'log.txt')?.bytes, LOG)).toBe(true);
    expect(harness.salesforce.files.queue.items.size).toBe(0);
    expect(harness.salesforce.files.chunks.chunks.size).toBe(0);
    expect(
      harness.network.log.some((packet) => packet.kind === 'attachment-want' && packet.fault === 'drop'),
    ).toBe(true);
  });

  it('with a Salesforce that does not speak attachments-v1, files stay metadata only on both sides and the status says so', async () => {
    const { harness, issue, caseRef } = await linkedPair({
      salesforceSpeaks: { protocol: [1], replica: [1, 2], capabilities: ['batch-push'] },
    });
    await harness.addFile('jira', issue, { id: 'j1', filename: 'log.txt', bytes: LOG });
    expect((await harness.runUntilQuiet()).errors).toEqual({ jira: [], salesforce: [] });
    expect(filenames(await harness.salesforce.view(caseRef))).toEqual(['log.txt']);
    expect(harness.salesforce.files.store.files.size).toBe(0);
    expect(harness.network.log.some((packet) => packet.kind === 'attachment-want')).toBe(false);
    expect((await harness.salesforce.engine.status(caseRef)).message).toContain(METADATA_ONLY);
  });
});
