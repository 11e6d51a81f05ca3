/**
 * Test support: replicas of a given size (about `bytes` of JSON), one per way a replica can grow,
 * for the linear-time tests of everything that reads replicas. Each is valid except for its
 * `hash`, which `withContentHash` sets.
 */
import { replicaContentHash } from '../replica-content-hash';
import { MAX_REPLICA_DEPTH } from '../replica-limits';
import type { JsonValue, Replica, ReplicaComment } from '../types';
import { exampleReplica } from './example-replica';

/** Builds a replica of about `bytes` bytes of JSON. */
export type ReplicaFamily = (bytes: number) => Replica;

function withContent(content: Partial<Replica>): Replica {
  return { ...structuredClone(exampleReplica), ...content };
}

/** `{"a": {"a": ... "leaf" }}`, `depth` objects deep. */
function chain(depth: number): JsonValue {
  let value: JsonValue = 'leaf';
  for (let i = 0; i < depth; i++) value = { a: value };
  return value;
}

/** About 120 characters, different for each index: real labels and field values are words, not numbers. */
function label(index: number): string {
  return `${index} the quick brown fox jumps over the lazy dog; pack my box with five dozen liquor jugs ${index % 97}`;
}

function comment(index: number): ReplicaComment {
  return {
    id: `c${index}`,
    author: { displayName: 'Ada', platformId: `u${index % 7}` },
    body: `<p>Comment ${index}: ${label(index)} ${label(index + 1)}</p>`,
    created: '2026-11-21T14:00:00.000Z',
    updated: null,
    internal: index % 2 === 0,
  };
}

/** The ways a replica grows: many labels, many custom fields, deep custom values, many comments, long text. */
export const LARGE_REPLICAS: Record<string, ReplicaFamily> = {
  'wide labels': (bytes) =>
    withContent({ labels: Array.from({ length: bytes / 16 }, (_, i) => `label-${i}`) }),
  'wide custom': (bytes) =>
    withContent({
      custom: Object.fromEntries(Array.from({ length: bytes / 16 }, (_, i) => [`field ${i}`, i])),
    }),
  'deep custom': (bytes) => {
    // Branches as deep as a replica may nest (the replica and custom are two levels).
    const depth = MAX_REPLICA_DEPTH - 3;
    const branch = chain(depth);
    const branches = Math.max(1, Math.round(bytes / (depth * 7)));
    return withContent({
      custom: Object.fromEntries(
        Array.from({ length: branches }, (_, i) => [`b${i}`, structuredClone(branch)]),
      ),
    });
  },
  'many comments': (bytes) =>
    withContent({ comments: Array.from({ length: bytes / 400 }, (_, i) => comment(i)) }),
  'long strings': (bytes) => {
    // Texts of 8 KiB: long enough that scanning text is all the work, short enough that each is
    // an ordinary heap object (JavaScript engines allocate very long strings apart, a one-time
    // step in the time that is not growth).
    const text = (index: number): string => `${index} ${'café «quoted» \\ text, '.repeat(400)}`;
    const count = Math.max(1, Math.round(bytes / 8192));
    return withContent({
      description: `<p>${text(0)}</p>`,
      comments: Array.from({ length: count }, (_, i) => ({ ...comment(i), body: `<p>${text(i)}</p>` })),
    });
  },
};

/** The replica with its true content hash, as a sender would send it. */
export async function withContentHash(replica: Replica): Promise<Replica> {
  return { ...replica, hash: await replicaContentHash(replica) };
}
