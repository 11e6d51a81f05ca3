/** A small `multipart/form-data` reader for the stand-in's attachment upload: linear in the body, never throws. */

export interface MultipartPart {
  name: string | null;
  filename: string | null;
  contentType: string;
  data: Uint8Array;
}

/** Splits a multipart body into its parts, or says why it cannot. */
export function parseMultipart(
  contentType: string,
  body: Buffer,
): { ok: true; parts: MultipartPart[] } | { ok: false; error: string } {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  if (!/^multipart\/form-data/i.test(contentType) || !boundary) {
    return { ok: false, error: 'The attachment upload must be multipart/form-data with a boundary.' };
  }
  const delimiter = Buffer.from(`--${boundary[1] ?? boundary[2]}`);
  const parts: MultipartPart[] = [];
  let at = body.indexOf(delimiter);
  if (at < 0) return { ok: false, error: 'The multipart body has no part.' };
  while (at >= 0) {
    const start = at + delimiter.length;
    if (body.subarray(start, start + 2).toString() === '--') break;
    const next = body.indexOf(delimiter, start);
    if (next < 0) return { ok: false, error: 'The multipart body ends without its closing boundary.' };
    const chunk = body.subarray(start + 2, next - 2);
    const split = chunk.indexOf('\r\n\r\n');
    if (split < 0) return { ok: false, error: 'A multipart part has no header block.' };
    const headers = chunk.subarray(0, split).toString('utf8');
    const disposition = /content-disposition:[^\r\n]*/i.exec(headers)?.[0] ?? '';
    parts.push({
      name: /\bname="([^"]*)"/i.exec(disposition)?.[1] ?? null,
      filename: /\bfilename="([^"]*)"/i.exec(disposition)?.[1] ?? null,
      contentType: /content-type:\s*([^\r\n]+)/i.exec(headers)?.[1]?.trim() ?? 'application/octet-stream',
      data: new Uint8Array(chunk.subarray(split + 4)),
    });
    at = next;
  }
  return { ok: true, parts };
}
