/**
 * Files both ways end to end: the Salesforce package's TypeScript twin (the sandbox's, not what
 * ships) over the Salesforce stand-in, and the real Forge handlers on the Forge runtime stand-in
 * against the Jira stand-in. A file on the Case is uploaded to the issue through the wants the
 * rendezvous's batch carries (answered by the twin's run); a file added to the issue becomes a
 * ContentVersion on the Case through the twin's attachment fetch.
 */
import { createHash } from 'node:crypto';
import type { SalesforceOrg } from '../salesforce';
import type { SalesforceTwin } from '../salesforce/twin';
import { startTwinAndJira, type TwinAndJira } from './twin-and-jira';
import type { JiraNode } from './jira-node';

let jira: JiraNode;
let org: SalesforceOrg;
let twin: SalesforceTwin;
let nodes: TwinAndJira;

beforeEach(async () => {
  nodes = await startTwinAndJira();
  ({ jira, org, twin } = nodes);
});

afterEach(() => nodes.close());

/** `length` bytes of a pattern; over 90 KiB (a chunk), so a file takes several chunks. */
function fileBytes(length: number, seed: number): Uint8Array {
  return Uint8Array.from({ length }, (_, i) => (i * seed + (i >> 8)) & 0xff);
}

/** A Case that a trigger takes, pushed and applied as a Jira issue. */
async function linkedCase(subject: string) {
  const created = org.insert('Case', { Subject: subject, Priority: 'High' }, org.personUserId);
  if (!created.ok) throw new Error(created.error.message);
  expect((await twin.puller.runOnce()).pushed).toMatchObject({ done: 1, failed: 0 });
  await jira.runtime.runDue();
  const [issue] = [...jira.standin.model.issues.values()];
  if (!issue) throw new Error('no issue was created');
  return { caseId: created.value, issue };
}

describe('files between the Salesforce twin and the Jira node on the stand-ins', () => {
  it("uploads a Case's file to its Jira issue with the same name and bytes", async () => {
    const { caseId, issue } = await linkedCase('Invoice disputed');
    const invoice = fileBytes(200_000, 7);
    const version = org.insert(
      'ContentVersion',
      {
        Title: 'invoice',
        PathOnClient: 'invoice.pdf',
        VersionData: Buffer.from(invoice).toString('base64'),
        FirstPublishLocationId: caseId,
      },
      org.personUserId,
    );
    expect(version.ok).toBe(true);

    // The file's replica goes out; the consumer applies it and queues the want.
    expect((await twin.puller.runOnce()).pushed).toMatchObject({ done: 1, failed: 0 });
    await jira.runtime.runDue();
    expect(issue.attachments).toEqual([]);

    // The next pull's batch carries the want; the twin's run answers it and Forge uploads the file.
    const run = await twin.puller.runOnce();
    expect(run.failures).toEqual([]);
    expect(run.files.answered).toEqual({ files: 1, chunks: 3 });
    expect(issue.attachments.map((file) => file.filename)).toEqual(['invoice.pdf']);
    expect(Buffer.from(issue.attachments[0]?.bytes ?? []).equals(Buffer.from(invoice))).toBe(true);

    // Stored once: nothing more is wanted.
    const quiet = await twin.puller.runOnce();
    expect(quiet.files.answered).toEqual({ files: 0, chunks: 0 });
    expect(issue.attachments).toHaveLength(1);
  });

  it("stores a Jira issue's file as a ContentVersion on the Case with the same name and bytes", async () => {
    const { caseId, issue } = await linkedCase('Printer broken');
    const log = fileBytes(150_000, 13);
    jira.standin.model.addAttachment(issue, 'printer.log', 'text/plain', log, '557058:alice');
    await jira.runtime.emitProductEvent({ eventType: 'avi:jira:updated:issue', issue: { id: issue.id } });
    await jira.runtime.advance(60_000);

    const run = await twin.puller.runOnce();
    expect(run.failures).toEqual([]);
    expect(run.applied).toMatchObject({ done: 1, failed: 0 });
    expect(run.files.fetched).toEqual({ stored: 1, noted: 0, partial: 0, failed: 0 });
    const versions = org.all('ContentVersion');
    expect(versions.map((v) => [v.fields.PathOnClient, v.fields.CreatedById])).toEqual([
      ['printer.log', org.integrationUserId],
    ]);
    const bytes = org.versionData.get(String(versions[0]?.fields.Id)) ?? new Uint8Array();
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(
      createHash('sha256').update(log).digest('hex'),
    );
    const links = org
      .all('ContentDocumentLink')
      .filter((link) => link.fields.ContentDocumentId === versions[0]?.fields.ContentDocumentId);
    expect(links.map((link) => link.fields.LinkedEntityId)).toEqual([caseId]);

    // Written as the integration user inside the apply's flag: nothing goes back.
    const quiet = await twin.puller.runOnce();
    expect(quiet.captured.queued).toEqual([]);
    expect(quiet.pushed.done).toBe(0);
    expect(org.all('ContentVersion')).toHaveLength(1);
  });
});
