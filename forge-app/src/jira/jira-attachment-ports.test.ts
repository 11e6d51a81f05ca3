/** The attachment ports on Jira REST, against the Jira stand-in's HTTP server. */
import { JiraModel, startJiraStandin, type JiraStandin } from '../../../sandbox/jira';
import { fetchJiraHttp } from './fetch-jira-http';
import { createJiraContext, type JiraContext } from './jira-call';
import { createJiraAttachmentSource } from './jira-attachment-source';
import { createJiraAttachmentStore } from './jira-attachment-store';
import { createJiraEntityStore } from './jira-entity-store';

let standin: JiraStandin;
let context: JiraContext;

beforeEach(async () => {
  standin = await startJiraStandin(new JiraModel());
  context = createJiraContext(fetchJiraHttp(standin.baseUrl));
});
afterEach(async () => {
  await standin.close();
});

function seedIssue() {
  const created = standin.model.createIssue(
    { project: { key: 'SUP' }, issuetype: { name: 'Task' }, summary: 'S' },
    '557058:alice',
  );
  if (!created.ok) throw new Error('seed failed');
  return created.value;
}

const local = (id: string) => ({ platform: 'jira', type: 'issue', id });
const bytes = new Uint8Array([0, 1, 2, 250, 255, 13, 10, 45, 45]);

describe('the Jira attachment store', () => {
  it('uploads a file once as multipart, binary bytes intact, and answers created: false for the same key again', async () => {
    const issue = seedIssue();
    const store = createJiraAttachmentStore(context);
    const file = {
      key: 'att:c1:sf-file-1:abc',
      connectionId: 'c1',
      local: local(issue.id),
      localAttachmentId: 'tandem-pending:sf-file-1',
      remoteAttachmentId: 'sf-file-1',
      filename: 'dump "1".bin',
      mimeType: 'application/octet-stream',
      sha256: 'abc',
      bytes,
    };
    expect(await store.attach(file)).toEqual({ ok: true, created: true });
    expect(await store.attach(file)).toEqual({ ok: true, created: false });
    const stored = standin.model.issue(issue.id)?.attachments ?? [];
    expect(stored.map((a) => [a.filename, [...a.bytes]])).toEqual([['dump _1_.bin', [...bytes]]]);
    expect(await store.storedHash('c1', local(issue.id), 'sf-file-1')).toBe('abc');
    expect(await store.storedHash('c1', local(issue.id), 'sf-file-2')).toBeNull();
  });

  it('posts the fallback note once as a comment', async () => {
    const issue = seedIssue();
    const store = createJiraAttachmentStore(context);
    const note = {
      key: 'note:att:c1:sf-big:',
      connectionId: 'c1',
      local: local(issue.id),
      remoteAttachmentId: 'sf-big',
      sha256: '',
      text: 'File big.zip (30 MB) is over the 25 MB limit.',
    };
    expect(await store.addNote(note)).toEqual({ ok: true });
    expect(await store.addNote(note)).toEqual({ ok: true });
    expect(standin.model.issue(issue.id)?.comments).toHaveLength(1);
    expect(await store.storedHash('c1', local(issue.id), 'sf-big')).toBe('');
  });

  it('lets a later apply remove the Jira attachment a pending pair stood for', async () => {
    const issue = seedIssue();
    await createJiraAttachmentStore(context).attach({
      key: 'k',
      connectionId: 'c1',
      local: local(issue.id),
      localAttachmentId: 'tandem-pending:sf-file-1',
      remoteAttachmentId: 'sf-file-1',
      filename: 'a.txt',
      mimeType: 'text/plain',
      sha256: 'h',
      bytes,
    });
    const applied = await createJiraEntityStore(context).apply({
      target: local(issue.id),
      fields: [],
      comments: { add: [], update: [], remove: [] },
      attachments: {
        add: [],
        update: [],
        remove: [{ remoteId: 'sf-file-1', localId: 'tandem-pending:sf-file-1' }],
      },
    });
    expect(applied.ok).toBe(true);
    expect(standin.model.issue(issue.id)?.attachments).toEqual([]);
  });
});

describe('the Jira attachment source', () => {
  it('describes a file without a hash and reads it by ranges', async () => {
    const issue = seedIssue();
    const attachment = standin.model.addAttachment(
      issue,
      'log.bin',
      'application/octet-stream',
      bytes,
      '557058:alice',
    );
    const source = createJiraAttachmentSource(context);
    expect(await source.describe(attachment.id)).toEqual({
      id: attachment.id,
      filename: 'log.bin',
      size: 9,
      sha256: null,
      platformName: 'Jira',
    });
    expect(await source.read(attachment.id, 3, 4)).toEqual(new Uint8Array([250, 255, 13, 10]));
    expect(await source.read(attachment.id, 7, 100)).toEqual(new Uint8Array([45, 45]));
    expect(await source.read('424242', 0, 10)).toBeNull();
    expect(await source.describe('424242')).toBeNull();
  });
});
