import {
  MAX_ATTACHMENT_CHUNK_DATA_CHARS,
  MAX_ATTACHMENT_CHUNKS_PER_MESSAGE,
  MAX_ATTACHMENT_FILE_CHUNKS,
} from '../../protocol';
import { encodeBase64Url } from '../../protocol/base64url';
import {
  ATTACHMENT_CHUNK_MAX_BYTES,
  ATTACHMENT_CHUNK_MAX_DATA_CHARS,
  ATTACHMENT_MAX_CHUNKS,
} from './attachment-limits';

describe('attachment limits agree with the protocol', () => {
  it('a full chunk encodes to exactly the most data characters the protocol takes', () => {
    const full = encodeBase64Url(new Uint8Array(ATTACHMENT_CHUNK_MAX_BYTES));
    expect(full.length).toBe(MAX_ATTACHMENT_CHUNK_DATA_CHARS);
    expect(ATTACHMENT_CHUNK_MAX_DATA_CHARS).toBe(MAX_ATTACHMENT_CHUNK_DATA_CHARS);
    expect(ATTACHMENT_MAX_CHUNKS).toBe(MAX_ATTACHMENT_FILE_CHUNKS);
  });

  it('a message of the most chunks stays under the 1 MiB body limit, and a chunk under a 240 KiB KVS value', () => {
    expect(MAX_ATTACHMENT_CHUNKS_PER_MESSAGE * MAX_ATTACHMENT_CHUNK_DATA_CHARS).toBeLessThan(
      1_048_576 - 16_384,
    );
    expect(MAX_ATTACHMENT_CHUNK_DATA_CHARS).toBeLessThan(245_760 - 16_384);
  });
});
