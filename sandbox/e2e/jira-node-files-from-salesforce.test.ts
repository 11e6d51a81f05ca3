/**
 * Files Salesforce -> Jira through the Jira node as installed: the Case's replica is pushed and
 * applied by the consumer, the Jira node's pull answer (`batch`) carries its wants for the Case's
 * file, the Salesforce side (the core's client on in-memory ports) answers them with
 * `attachment-chunks`, and the rendezvous finds the file's attachments-queue item by its remote
 * attachment id in KVS (`findAttachmentItem`) and uploads the file to the issue.
 */
import { createHash } from 'node:crypto';
import type { AttachmentSource, RulesEngine } from '@tandem/shared-ts/engine';
import { answerBatchWants } from '@tandem/shared-ts/internal';
import type { JsonValue } from '@tandem/shared-ts/replica';
import { mirrorRules } from '@tandem/shared-ts/testing';
import {
  createSalesforceSide,
  jiraNodePerTest,
  postToRendezvous,
  pullAll,
  pushNewCase,
  setUpJiraConnection,
  theOnlyIssue,
} from './jira-node';

const CONNECTION_ID = 'conn-files';
const SECRET = Buffer.from(Array.from({ length: 32 }, (_, i) => 255 - i)).toString('base64url');
/** A file of three chunks' worth and a little more (chunks are 90 KiB): the answer carries them all. */
const INVOICE = Uint8Array.from({ length: 300_000 }, (_, i) => (i * 7 + (i >> 9)) & 0xff);
const INVOICE_SHA = createHash('sha256').update(INVOICE).digest('hex');

const jiraNode = jiraNodePerTest();

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
    const node = jiraNode();
    const { standin, runtime } = node;
    await setUpJiraConnection(standin, { connectionId: CONNECTION_ID, secret: SECRET });
    const side = createSalesforceSide({
      connectionId: CONNECTION_ID,
      secret: SECRET,
      runRules: caseRules,
      attachments: {
        source: caseFiles,
        allowance: {
          get: async () => ({ bytes: 0, version: 0 }),
          put: async () => ({ ok: true, version: 1 }),
        },
      },
      post: postToRendezvous(runtime),
    });
    const { client } = side;

    await pushNewCase(side, runtime, 'case-1', {
      title: 'Invoice disputed',
      state: 'New',
      attachments: [{ id: '068A', filename: 'invoice.pdf', size: INVOICE.length }],
    });
    const issue = theOnlyIssue(standin, 'Invoice disputed');
    expect(issue.attachments).toEqual([]);

    // The pull's batch carries the Jira node's want for the file; the answer uploads it.
    const pulled = await pullAll(client);
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
    const again = await pullAll(client);
    expect(again).toMatchObject({ ok: true });
    expect(again.ok && again.wants).toBeFalsy();
    expect(issue.attachments).toHaveLength(1);
  });
});
