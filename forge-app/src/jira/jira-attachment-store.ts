/**
 * The core's `AttachmentStore` port on Jira: a complete file is uploaded to the issue (multipart,
 * `X-Atlassian-Token: no-check`), the fallback note is posted as a comment, and what was stored
 * for each remote attachment (its hash, the Jira attachment id or the note) is kept in the issue
 * property `tandem-files`, so a file delivered twice is one file and the pending local id an apply
 * paired it with can be resolved to the Jira attachment.
 */
import type { AttachmentStore, FallbackNote, SyncFailure } from '@tandem/shared-ts/engine';
import { syncFailure } from '@tandem/shared-ts/engine';
import { textToHtml, htmlToAdf } from '@tandem/shared-ts/replica';
import { callJira, parseJson, type JiraContext } from './jira-call';
import { segment } from './jira-http';
import { uploadAttachment } from './upload-attachment';

/** The issue property that records stored files and notes. */
export const FILES_PROPERTY = 'tandem-files';

/** One remote attachment's record: the hash stored, and the Jira attachment or the note. */
export interface StoredFile {
  key: string;
  sha256: string;
  attachmentId?: string;
  note?: true;
}

/** The property's value: records by remote attachment id. */
export interface FilesProperty {
  files: Record<string, StoredFile>;
}

/** Issue properties hold at most 32 KB; the record refuses to grow past this. */
export const FILES_PROPERTY_MAX_BYTES = 32_000;

/** The attachment store over a Jira context. */
export function createJiraAttachmentStore(context: JiraContext): AttachmentStore {
  return {
    storedHash: async (_connectionId, local, remoteAttachmentId) => {
      const record = await readFiles(context, local.id);
      if (!record.ok) return record;
      return record.value.files[remoteAttachmentId]?.sha256 ?? null;
    },
    attach: async (file) => {
      const record = await readFiles(context, file.local.id);
      if (!record.ok) return record;
      if (record.value.files[file.remoteAttachmentId]?.key === file.key) return { ok: true, created: false };
      const uploaded = await uploadAttachment(context, file.local.id, file);
      if (!uploaded.ok) return uploaded;
      const entry: StoredFile = { key: file.key, sha256: file.sha256, attachmentId: uploaded.id };
      const saved = await writeFiles(context, file.local.id, record.value, file.remoteAttachmentId, entry);
      return saved.ok ? { ok: true, created: true } : saved;
    },
    addNote: async (note) => {
      const record = await readFiles(context, note.local.id);
      if (!record.ok) return record;
      if (record.value.files[note.remoteAttachmentId]?.key === note.key) return { ok: true };
      const posted = await postNote(context, note);
      if (!posted.ok) return posted;
      return writeFiles(context, note.local.id, record.value, note.remoteAttachmentId, {
        key: note.key,
        sha256: note.sha256,
        note: true,
      });
    },
  };
}

/** The Jira attachment id an apply's pending local id stands for, once the file is stored. */
export async function resolvePendingAttachment(
  context: JiraContext,
  issueId: string,
  remoteAttachmentId: string,
): Promise<{ ok: true; value: string | null } | { ok: false; error: SyncFailure }> {
  const record = await readFiles(context, issueId);
  if (!record.ok) return record;
  return { ok: true, value: record.value.files[remoteAttachmentId]?.attachmentId ?? null };
}

async function postNote(
  context: JiraContext,
  note: FallbackNote,
): Promise<{ ok: true } | { ok: false; error: SyncFailure }> {
  const posted = await callJira(context, 'post-attachment-note', {
    method: 'POST',
    path: `/rest/api/3/issue/${segment(note.local.id)}/comment`,
    body: JSON.stringify({ body: htmlToAdf(textToHtml(note.text)) }),
  });
  return posted.ok ? { ok: true } : posted;
}

async function readFiles(
  context: JiraContext,
  issueId: string,
): Promise<{ ok: true; value: FilesProperty } | { ok: false; error: SyncFailure }> {
  const read = await callJira(
    context,
    'read-files-property',
    { method: 'GET', path: `/rest/api/3/issue/${segment(issueId)}/properties/${FILES_PROPERTY}` },
    (status) => (status >= 200 && status < 300) || status === 404,
  );
  if (!read.ok) return read;
  if (read.response.status === 404) return { ok: true, value: { files: {} } };
  const parsed = parseJson(read.response.body) as { value?: { files?: unknown } } | undefined;
  const files = parsed?.value?.files;
  return {
    ok: true,
    value: {
      files: files !== null && typeof files === 'object' ? (files as Record<string, StoredFile>) : {},
    },
  };
}

async function writeFiles(
  context: JiraContext,
  issueId: string,
  current: FilesProperty,
  remoteAttachmentId: string,
  entry: StoredFile,
): Promise<{ ok: true } | { ok: false; error: SyncFailure }> {
  const next: FilesProperty = { files: { ...current.files, [remoteAttachmentId]: entry } };
  const body = JSON.stringify(next);
  if (new TextEncoder().encode(body).length > FILES_PROPERTY_MAX_BYTES) {
    return {
      ok: false,
      error: syncFailure(
        'rejected',
        `Issue ${issueId} holds too many synced files for its ${FILES_PROPERTY} property (32 KB); the file was attached but will not be recognised on a retry.`,
      ),
    };
  }
  const written = await callJira(context, 'write-files-property', {
    method: 'PUT',
    path: `/rest/api/3/issue/${segment(issueId)}/properties/${FILES_PROPERTY}`,
    body,
  });
  return written.ok ? { ok: true } : written;
}
