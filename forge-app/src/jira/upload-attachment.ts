/**
 * Uploads a file to an issue: `POST /issue/{id}/attachments`, multipart with the part `file`
 * and the header `X-Atlassian-Token: no-check` (Jira refuses the upload without it).
 */
import type { SyncFailure } from '@tandem/shared-ts/engine';
import { syncFailure } from '@tandem/shared-ts/engine';
import { callJiraJson, type JiraContext } from './jira-call';
import { segment } from './jira-http';
import type { RestAttachment } from './jira-shapes';

/** The new attachment's id. */
export async function uploadAttachment(
  context: JiraContext,
  issueId: string,
  file: { filename: string; mimeType: string; bytes: Uint8Array },
  boundary: string = `tandem-${Math.random().toString(36).slice(2)}${Date.now().toString(36)}`,
): Promise<{ ok: true; id: string } | { ok: false; error: SyncFailure }> {
  const encoder = new TextEncoder();
  const head = encoder.encode(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${quoted(file.filename)}"\r\n` +
      `Content-Type: ${file.mimeType.replace(/[\r\n]/g, '')}\r\n\r\n`,
  );
  const tail = encoder.encode(`\r\n--${boundary}--\r\n`);
  const body = new Uint8Array(head.length + file.bytes.length + tail.length);
  body.set(head, 0);
  body.set(file.bytes, head.length);
  body.set(tail, head.length + file.bytes.length);
  const uploaded = await callJiraJson<RestAttachment[]>(context, 'upload-attachment', {
    method: 'POST',
    path: `/rest/api/3/issue/${segment(issueId)}/attachments`,
    headers: { 'X-Atlassian-Token': 'no-check', 'content-type': `multipart/form-data; boundary=${boundary}` },
    body,
  });
  if (!uploaded.ok) return uploaded;
  const id = Array.isArray(uploaded.value) ? uploaded.value[0]?.id : undefined;
  if (id === undefined)
    return {
      ok: false,
      error: syncFailure('unexpected', `Jira accepted ${file.filename} but did not say its attachment id.`),
    };
  return { ok: true, id: String(id) };
}

/** A filename inside a quoted header parameter: quotes and line breaks replaced. */
function quoted(filename: string): string {
  return filename.replace(/["\r\n\\]/g, '_');
}
