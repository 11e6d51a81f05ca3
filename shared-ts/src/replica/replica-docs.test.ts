/** docs/replica.md is the contract for other nodes: these tests keep it true to the code. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { replicaContentHash } from './replica-content-hash';
import { replicaJsonSchema } from './replica-json-schema';
import {
  MAX_REPLICA_DEPTH,
  MAX_REPLICA_ID,
  MAX_REPLICA_PLATFORM,
  MAX_REPLICA_URL,
  MAX_REPLICA_VALUES,
} from './replica-limits';
import { DROPPED_TAGS, UNKNOWN_BLOCK_TAGS } from './rich-text/html-subset';
import { exampleReplica } from './testing/example-replica';
import { validateReplica } from './validate-replica';

const doc = readFileSync(path.join(__dirname, '../../../docs/replica.md'), 'utf8');

function fullExample(): unknown {
  const section = doc.slice(doc.indexOf('## Full example'));
  const match = /```json\n([\s\S]*?)\n```/.exec(section);
  if (match?.[1] === undefined) throw new Error('docs/replica.md has no json block under "## Full example"');
  return JSON.parse(match[1]);
}

describe('docs/replica.md', () => {
  it('shows a full example that is valid', () => {
    expect(validateReplica(fullExample())).toEqual({ ok: true, replica: exampleReplica });
  });

  it('shows the example with its correct hash', async () => {
    expect(await replicaContentHash(exampleReplica)).toBe(exampleReplica.hash);
    expect(doc).toContain(exampleReplica.hash);
  });

  it('describes every field of the schema', () => {
    for (const field of Object.keys(replicaJsonSchema.properties)) expect(doc).toContain(`| \`${field}\` |`);
  });

  it('lists every tag removed with its content and every block tag unwrapped', () => {
    for (const tag of [...DROPPED_TAGS, ...UNKNOWN_BLOCK_TAGS]) expect(doc).toContain(`\`${tag}\``);
  });

  it('lists every limit with the number the code uses and the rule it breaks', () => {
    const limits = doc.slice(doc.indexOf('## Limits'), doc.indexOf('## Rich text'));
    expect(limits).toContain(`| ${MAX_REPLICA_DEPTH} levels`);
    expect(limits).toContain(`| ${MAX_REPLICA_VALUES.toLocaleString('en-US')} values`);
    for (const length of [MAX_REPLICA_ID, MAX_REPLICA_PLATFORM, MAX_REPLICA_URL]) {
      expect(limits).toContain(`| ${length} characters`);
    }
    for (const rule of ['depth', 'size', 'maxLength']) expect(limits).toContain(`| \`${rule}\` |`);
  });
});
