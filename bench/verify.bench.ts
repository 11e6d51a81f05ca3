// Verifying a 15 KiB replica envelope as a receiver does (size, headers, timestamp, HMAC, JSON
// parse, envelope shape, replica validation, replay check: verifyMessage), as a ratio to its
// floor measured in the same run: JSON.parse of the same body plus the HMAC check of the same
// signing input (WebCrypto, key import included, as verifyMessage does it).
// Target: within 3x of the floor. Exits 1 when missed.
import { signForTest } from '../shared-ts/src/protocol/testing/signed';
import { performance } from 'node:perf_hooks';
import { createEnvelope, verifyMessage, type RawMessage } from '../shared-ts/src/protocol';
import { decodeHex } from '../shared-ts/src/protocol/hex';
import { verifyHmacSha256 } from '../shared-ts/src/protocol/hmac-sha256';
import { secretBytes } from '../shared-ts/src/protocol/secret-bytes';
import { signingInput } from '../shared-ts/src/protocol/signing-input';
import { TEST_SECRET } from '../shared-ts/src/protocol/testing/fixtures';
import { replicaContentHash, type Replica, type ReplicaComment } from '../shared-ts/src/replica';

const TARGET_RATIO = 3;
const TARGET_BYTES = 15 * 1024;
const SENT_AT = Date.UTC(2026, 10, 20, 10, 0, 0);

const ada = {
  email: 'ada@acme.example',
  displayName: 'Ada Lovelace',
  platformId: '5b10a2844c20165700ede21g',
};

function comment(n: number): ReplicaComment {
  return {
    id: String(10100 + n),
    author: ada,
    body: `<p>Comment ${n}: the printer still smokes, see <strong>log</strong> line ${n * 7}.</p>`,
    created: `2026-11-${String(1 + (n % 28)).padStart(2, '0')}T08:00:00.000Z`,
    updated: n % 3 === 0 ? '2026-11-29T08:00:00.000Z' : null,
    internal: n % 10 === 0,
  };
}

async function replicaOf(comments: number): Promise<Replica> {
  const replica: Replica = {
    schema: 2,
    entity: {
      platform: 'jira',
      type: 'issue',
      id: '10001',
      key: 'SUP-1',
      url: 'https://acme.atlassian.net/browse/SUP-1',
    },
    seq: 42,
    hash: '',
    summary: 'Printer on fire in the third-floor copy room',
    description: '<p>Smoke everywhere. <em>Customer</em> is <strong>unhappy</strong>.</p>',
    status: { name: 'In Progress', category: 'indeterminate' },
    priority: { name: 'High' },
    labels: ['hardware', 'printer', 'floor-3'],
    assignee: ada,
    reporter: { email: null, displayName: 'Sam Support', platformId: '712020:0e0c5f7a' },
    created: '2026-11-01T08:00:00.000Z',
    updated: '2026-11-29T08:00:00.000Z',
    due: '2026-12-01',
    resolution: null,
    type: { name: 'Bug' },
    project: { key: 'SUP', name: 'Support' },
    parent: null,
    custom: { 'Customer Tier': 'Gold', 'Affected Orders': 132, Components: ['payments', 'web'] },
    comments: Array.from({ length: comments }, (_, n) => comment(n)),
    attachments: [
      {
        id: 'att-1',
        filename: 'smoke.png',
        mimeType: 'image/png',
        size: 123456,
        sha256: null,
        created: '2026-11-02T08:00:00.000Z',
        author: ada,
        ref: 'jira:attachment:10200',
      },
    ],
    fieldTimes: { '/summary': '2026-11-01T08:00:00.000Z', '/status': '2026-11-29T08:00:00.000Z' },
  };
  return { ...replica, hash: await replicaContentHash(replica) };
}

async function message(): Promise<RawMessage> {
  let comments = 1;
  for (;;) {
    const envelope = createEnvelope(
      'replica',
      {
        replica: await replicaOf(comments),
        target: { platform: 'salesforce', type: 'Case', id: '500A' },
        applied: 7,
      },
      { connectionId: 'acme-jira-support', messageId: '01JD7XKQ2M3N4P5Q6R7S8T9V0W', sentAt: SENT_AT },
    );
    const signed = await signForTest(envelope, TEST_SECRET);
    if (signed.body.length >= TARGET_BYTES) return signed;
    comments++;
  }
}

async function median(rounds: number, iterations: number, run: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const start = performance.now();
    for (let i = 0; i < iterations; i++) await run();
    times.push(((performance.now() - start) * 1000) / iterations);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] as number;
}

async function main(): Promise<void> {
  const raw = await message();
  const headers = raw.headers as Record<string, string>;
  const options = {
    secretFor: async () => TEST_SECRET,
    clock: { now: () => SENT_AT },
    replayCache: { seen: async () => false },
  };
  const check = await verifyMessage(raw, options);
  if (!('envelope' in check)) throw new Error(`the bench message does not verify: ${JSON.stringify(check)}`);

  const key = secretBytes(TEST_SECRET);
  const mac = decodeHex((headers['X-Tandem-Signature'] ?? '').slice(3));
  if (!key || !mac) throw new Error('bad bench secret or signature');
  const floor = async (): Promise<unknown> => {
    const input = new TextEncoder().encode(
      signingInput({
        connectionId: headers['X-Tandem-Connection'] ?? '',
        messageId: headers['X-Tandem-Message-Id'] ?? '',
        timestamp: headers['X-Tandem-Timestamp'] ?? '',
        body: raw.body,
      }),
    );
    if (!(await verifyHmacSha256(key, mac, input))) throw new Error('floor: bad signature');
    return JSON.parse(raw.body) as unknown;
  };
  const verify = (): Promise<unknown> => verifyMessage(raw, options);

  // Warm both, then alternate the measurements so that a busy machine spoils both alike.
  await median(3, 300, floor);
  await median(3, 300, verify);
  const floors: number[] = [];
  const verifies: number[] = [];
  for (let i = 0; i < 5; i++) {
    floors.push(await median(3, 400, floor));
    verifies.push(await median(3, 400, verify));
  }
  const floorUs = Math.min(...floors);
  const verifyUs = Math.min(...verifies);
  const ratio = verifyUs / floorUs;
  const pass = ratio <= TARGET_RATIO;
  console.log(
    `verify a ${(raw.body.length / 1024).toFixed(1)} KiB replica envelope: ${verifyUs.toFixed(1)} µs; ` +
      `floor (JSON.parse + HMAC of the same body) ${floorUs.toFixed(1)} µs; ratio ${ratio.toFixed(2)}x ` +
      `(target within ${TARGET_RATIO}x): ${pass ? 'pass' : 'FAIL'}`,
  );
  if (!pass) process.exitCode = 1;
}

void main();
