/**
 * The core's `AttachmentSource` port on Jira (the sending side): a file's metadata from
 * `GET /attachment/{id}` and its bytes by range from `GET /attachment/content/{id}`. Jira does
 * not know a file's SHA-256, so `describe` leaves it unknown and the core hashes the file. A 404
 * is null; Jira's other failures (429 and 5xx with their Retry-After) are the port's failure value.
 */
import type { AttachmentMeta, AttachmentSource } from '@tandem/shared-ts/engine';
import { callJira, parseJson, type JiraContext } from './jira-call';
import { segment } from './jira-http';
import type { RestAttachment } from './jira-shapes';
import { readAttachmentContent } from './read-attachment-content';

/** The attachment source over a Jira context; `siteUrl` makes the fallback note's link. */
export function createJiraAttachmentSource(
  context: JiraContext,
  siteUrl: string | null = null,
): AttachmentSource {
  return {
    describe: async (ref) => {
      const read = await callJira(
        context,
        'describe-attachment',
        { method: 'GET', path: `/rest/api/3/attachment/${segment(ref)}` },
        (status) => (status >= 200 && status < 300) || status === 404,
      );
      if (!read.ok) return read;
      if (read.response.status === 404) return null;
      const body = parseJson(read.response.body) as RestAttachment | undefined;
      if (!body || typeof body.size !== 'number') return null;
      const meta: AttachmentMeta = {
        id: ref,
        filename: String(body.filename ?? ref),
        size: body.size,
        sha256: null,
        platformName: 'Jira',
      };
      if (siteUrl !== null) meta.url = `${siteUrl}/rest/api/3/attachment/content/${segment(ref)}`;
      return meta;
    },
    read: async (ref, offset, length) => {
      const read = await readAttachmentContent(context, ref, offset, length);
      return read.ok ? read.bytes : read;
    },
  };
}
