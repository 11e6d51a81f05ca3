/**
 * Vectors of `validateReplica`: valid and invalid documents, with the path (JSON pointer) and rule
 * of each error. Messages are for people and free text: a runtime compares paths and rules only.
 */
import { validateReplica, type JsonValue } from '../../replica';
import { exampleReplica } from '../../replica/testing/example-replica';
import type { VectorSuite } from '../vector-suite';

/** The input of one vector: the document as received. */
export interface ReplicaDocumentInput {
  document: JsonValue;
}

const v1 = JSON.parse(JSON.stringify(exampleReplica)) as Record<string, JsonValue>;
const v2: Record<string, JsonValue> = {
  ...v1,
  schema: 2,
  fieldTimes: { '/summary': '2026-11-27T10:02:31.000Z', '/custom/Customer Tier': '2026-11-20T09:15:00Z' },
};

/** The example replica with members set (a value) or removed (undefined) at the given paths. */
function edited(
  base: Record<string, JsonValue>,
  edits: [string[], JsonValue | undefined][],
): ReplicaDocumentInput {
  const copy = JSON.parse(JSON.stringify(base)) as Record<string, JsonValue>;
  for (const [path, value] of edits) {
    let node = copy as Record<string, JsonValue>;
    for (const segment of path.slice(0, -1)) node = node[segment] as Record<string, JsonValue>;
    const last = path[path.length - 1] as string;
    if (value === undefined) Reflect.deleteProperty(node, last);
    else node[last] = value;
  }
  return { document: copy };
}

const comment = (v1.comments as JsonValue[])[0] as Record<string, JsonValue>;

/** The validate-replica vector set: `expected` is `{ ok: true }` or `{ ok: false, errors: [{ path, rule }] }`, errors sorted by path then rule. */
export const validateReplicaSuite: VectorSuite<ReplicaDocumentInput> = {
  folder: 'validate-replica',
  run: (i): JsonValue => {
    const result = validateReplica(i.document);
    if (result.ok) return { ok: true };
    const errors = result.error.errors
      .map(({ path, rule }) => ({ path, rule }))
      .sort((a, b) => compare(a.path, b.path) || compare(a.rule, b.rule));
    return { ok: false, errors };
  },
  cases: [
    {
      name: 'valid-v1',
      description: 'The example replica of docs/replica.md (v1) is valid.',
      input: { document: v1 },
    },
    { name: 'valid-v2', description: 'A Replica v2 with field times is valid.', input: { document: v2 } },
    {
      name: 'valid-v2-with-no-field-times',
      description: 'A v2 whose fieldTimes is empty is valid.',
      input: edited(v2, [[['fieldTimes'], {}]]),
    },
    {
      name: 'valid-with-optional-members-left-out',
      description:
        'entity.key and entity.url, status.category, project.name, parent members and user emails may be absent.',
      input: edited(v1, [
        [['entity'], { platform: 'jira', type: 'issue', id: '10042' }],
        [['status'], { name: 'Open' }],
        [['project'], { key: 'SUP' }],
        [['parent'], {}],
        [['assignee'], { displayName: 'Dev Lee', platformId: 'u-1' }],
      ]),
    },
    {
      name: 'valid-with-nulls',
      description:
        'Members typed "or null" may be null: summary, description, status, priority, users, times, due.',
      input: edited(v1, [
        [['summary'], null],
        [['description'], null],
        [['status'], null],
        [['priority'], null],
        [['assignee'], null],
        [['created'], null],
        [['updated'], null],
        [['due'], null],
        [['type'], null],
        [['project'], null],
        [['parent'], null],
      ]),
    },
    {
      name: 'null-and-absent-differ',
      description: 'An absent assignee is refused (required); a null one is valid (see valid-with-nulls).',
      input: edited(v1, [[['assignee'], undefined]]),
    },
    {
      name: 'valid-ids-counted-in-code-points',
      description:
        'An id of 200 emoji is 200 characters (code points), within the limit, though 400 UTF-16 units.',
      input: edited(v1, [[['entity', 'id'], '😀'.repeat(200)]]),
    },
    {
      name: 'id-too-long',
      description: 'An id of 201 characters is too long.',
      input: edited(v1, [[['entity', 'id'], 'x'.repeat(201)]]),
    },
    {
      name: 'valid-due-as-a-date-or-a-time',
      description: 'due may be a calendar date or a UTC time, with up to 9 fraction digits.',
      input: edited(v1, [[['due'], '2026-12-01T17:00:00.123456789Z']]),
    },
    { name: 'not-an-object', description: 'An array is not a replica.', input: { document: [] } },
    {
      name: 'unknown-top-level-property',
      description: 'A member the format does not define is refused (custom fields belong in /custom).',
      input: edited(v1, [[['Customer Tier'], 'Gold']]),
    },
    {
      name: 'unknown-nested-property',
      description: 'Objects are closed at every level except custom.',
      input: edited(v1, [[['status', 'color'], 'blue']]),
    },
    {
      name: 'unknown-schema-version',
      description: 'schema must be 1 or 2.',
      input: edited(v1, [[['schema'], 3]]),
    },
    {
      name: 'seq-negative-and-fractional',
      description: 'seq is an integer of at least 0; size of an attachment too.',
      input: edited(v1, [
        [['seq'], -1],
        [['attachments', '0', 'size'], 1.5],
      ]),
    },
    {
      name: 'seq-up-to-2-53-minus-1',
      description: 'seq may be as large as 2^53 - 1 (the largest integer a vector holds).',
      input: edited(v1, [[['seq'], Number.MAX_SAFE_INTEGER]]),
    },
    {
      name: 'hash-not-lowercase-hex',
      description: 'hash is 64 lowercase hex digits.',
      input: edited(v1, [[['hash'], 'C8A04AD5404C460DB24417FB855C01C92720C90C530C692182AE207CA9A6976D']]),
    },
    {
      name: 'wrong-types',
      description: 'summary must be a string or null, labels an array, custom an object, internal a boolean.',
      input: edited(v1, [
        [['summary'], 42],
        [['labels'], 'checkout'],
        [['custom'], []],
        [['comments', '0', 'internal'], 'no'],
      ]),
    },
    {
      name: 'empty-names',
      description: 'Names, labels and platform ids must not be empty.',
      input: edited(v1, [
        [['status', 'name'], ''],
        [['labels'], ['checkout', '']],
        [['assignee', 'platformId'], ''],
      ]),
    },
    {
      name: 'repeated-label',
      description: 'A label listed twice is refused.',
      input: edited(v1, [[['labels'], ['checkout', 'eu', 'checkout']]]),
    },
    {
      name: 'platform-not-lowercase',
      description: 'entity.platform is a lowercase name.',
      input: edited(v1, [[['entity', 'platform'], 'Jira']]),
    },
    {
      name: 'time-with-an-offset',
      description: 'Times are UTC with Z: an offset is refused by pattern.',
      input: edited(v1, [[['created'], '2026-11-20T10:15:00+01:00']]),
    },
    {
      name: 'time-without-seconds',
      description: 'Times carry seconds.',
      input: edited(v1, [[['updated'], '2026-11-20T10:15Z']]),
    },
    {
      name: 'time-on-a-day-that-does-not-exist',
      description: 'A well-formed time on February 30th is refused as a date.',
      input: edited(v1, [[['updated'], '2026-02-30T10:00:00.000Z']]),
    },
    {
      name: 'due-date-that-does-not-exist',
      description: 'February 29th 2026 does not exist: refused as a date.',
      input: edited(v1, [[['due'], '2026-02-29']]),
    },
    {
      name: 'comment-id-used-twice',
      description: 'Comments are synced by id: a second comment with the same id is refused.',
      input: edited(v1, [[['comments', '1', 'id'], comment.id as string]]),
    },
    {
      name: 'comment-missing-a-member',
      description: 'A comment without internal is refused (required).',
      input: edited(v1, [[['comments', '0', 'internal'], undefined]]),
    },
    {
      name: 'url-not-http',
      description: 'entity.url must be an http or https URL (pattern).',
      input: edited(v1, [[['entity', 'url'], 'ftp://acme.example/x']]),
    },
    {
      name: 'url-that-does-not-parse',
      description: 'A parent.url that has the shape of a URL but does not parse is refused as url.',
      input: edited(v1, [[['parent', 'url'], 'https://[bad']]),
    },
    {
      name: 'attachment-ref-that-could-run',
      description: 'An attachment reference may not be a javascript: URL.',
      input: edited(v1, [[['attachments', '0', 'ref'], 'javascript:alert(1)']]),
    },
    {
      name: 'mime-type-without-a-slash',
      description: 'mimeType is type/subtype.',
      input: edited(v1, [[['attachments', '0', 'mimeType'], 'png']]),
    },
    {
      name: 'field-times-in-v1',
      description: 'Replica v1 has no fieldTimes.',
      input: edited(v1, [[['fieldTimes'], {}]]),
    },
    {
      name: 'field-times-missing-in-v2',
      description: 'Replica v2 requires fieldTimes.',
      input: edited(v2, [[['fieldTimes'], undefined]]),
    },
    {
      name: 'field-times-naming-no-timed-field',
      description: 'fieldTimes keys are pointers to timed fields; comments are not one.',
      input: edited(v2, [
        [['fieldTimes'], { '/comments': '2026-11-20T10:00:00Z', '/custom/A': 'yesterday' }],
      ]),
    },
  ],
};

/** UTF-16 code unit order, as Apex's String.compareTo. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
