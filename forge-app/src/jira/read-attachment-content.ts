/**
 * Reads a range of an attachment's bytes: `GET /attachment/content/{id}` with a `Range` header,
 * so a chunk of the core's transfer never loads the whole file (the `AttachmentSource.read` of
 * the sending side). Null when the attachment is gone.
 */
import type { SyncFailure } from '@tandem/shared-ts/engine';
import { callJira, type JiraContext } from './jira-call';
import { segment } from './jira-http';

/** Bytes `offset` to `offset + length` (fewer at the end of the file). */
export async function readAttachmentContent(
  context: JiraContext,
  attachmentId: string,
  offset: number,
  length: number,
): Promise<{ ok: true; bytes: Uint8Array | null } | { ok: false; error: SyncFailure }> {
  if (length <= 0) return { ok: true, bytes: new Uint8Array(0) };
  const read = await callJira(
    context,
    'read-attachment',
    {
      method: 'GET',
      path: `/rest/api/3/attachment/content/${segment(attachmentId)}`,
      headers: { range: `bytes=${offset}-${offset + length - 1}` },
      binary: true,
    },
    (status) => status === 200 || status === 206 || status === 404 || status === 416,
  );
  if (!read.ok) return read;
  const { status, bytes } = read.response;
  if (status === 404) return { ok: true, bytes: null };
  if (status === 416) return { ok: true, bytes: new Uint8Array(0) };
  const all = bytes ?? new Uint8Array(0);
  // A server that ignores Range answers 200 with the whole file: cut the range out of it.
  return { ok: true, bytes: status === 200 ? all.slice(offset, offset + length) : all };
}
