/**
 * Vectors of the replica content hash: SHA-256 of the canonical JSON of the replica without
 * `schema`, `entity`, `seq`, `hash` and `fieldTimes`. A receiver recomputes it and refuses a
 * replica whose `hash` differs (`hash-mismatch`), so every runtime must reproduce it exactly.
 */
import { replicaContentHash, type JsonValue, type Replica } from '../../replica';
import { exampleReplica } from '../../replica/testing/example-replica';
import type { VectorSuite } from '../vector-suite';

/** The input of one vector: a valid replica (its `hash` is not read). */
export interface ContentHashInput {
  replica: Replica;
}

const v1: Replica = JSON.parse(JSON.stringify(exampleReplica)) as Replica;

/** The replica-content-hash vector set: `expected` is `{ hash }`. */
export const replicaContentHashSuite: VectorSuite<ContentHashInput> = {
  folder: 'replica-content-hash',
  run: async (i): Promise<JsonValue> => ({ hash: await replicaContentHash(i.replica) }),
  cases: [
    {
      name: 'example-replica',
      description: 'The example replica of docs/replica.md: c8a04ad5...',
      input: { replica: v1 },
    },
    {
      name: 'seq-entity-and-schema-are-left-out',
      description: 'Another seq, entity and schema 2 with field times: the same content, the same hash.',
      input: {
        replica: {
          ...v1,
          schema: 2,
          seq: 99,
          entity: { platform: 'jira', type: 'issue', id: '99999' },
          fieldTimes: { '/summary': '2026-11-27T10:02:31.000Z' },
          hash: '0'.repeat(64),
        },
      },
    },
    {
      name: 'member-order-does-not-matter',
      description: 'The same replica with its members and custom fields listed in another order.',
      input: {
        replica: Object.fromEntries(
          Object.entries({
            ...v1,
            custom: Object.fromEntries(Object.entries(v1.custom).reverse()),
          }).reverse(),
        ) as unknown as Replica,
      },
    },
    {
      name: 'array-order-matters',
      description: 'Labels in another order are other content.',
      input: { replica: { ...v1, labels: ['eu', 'checkout'] } },
    },
    {
      name: 'null-and-absent-differ',
      description: 'An assignee without email and one with email null are other content.',
      input: {
        replica: { ...v1, assignee: { displayName: 'Dev Lee', platformId: '5b10ac8d82e05b22cc7d4ef5' } },
      },
    },
    {
      name: 'unicode-content',
      description: 'Non-ASCII text is hashed as UTF-8.',
      input: { replica: { ...v1, summary: 'Paiement refusé 😀 日本', custom: { Région: 'Île-de-France' } } },
    },
    {
      name: 'minimal-replica',
      description: 'A replica with every nullable member null and empty lists.',
      input: {
        replica: {
          schema: 1,
          entity: { platform: 'salesforce', type: 'Case', id: '500A' },
          seq: 1,
          hash: '0'.repeat(64),
          summary: null,
          description: null,
          status: null,
          priority: null,
          labels: [],
          assignee: null,
          reporter: null,
          created: null,
          updated: null,
          due: null,
          resolution: null,
          type: null,
          project: null,
          parent: null,
          custom: {},
          comments: [],
          attachments: [],
        },
      },
    },
  ],
};
