/**
 * The fast path of validateReplica held to the schema: it never accepts a value the schema
 * validator and the extra checks refuse, and it accepts the valid replicas the engine sends (so
 * the fast path is taken).
 */
import fc from 'fast-check';
import { validateReplicaSuite } from '../conformance/suites/validate-replica';
import { fuzzRuns } from '../testing/fuzz-runs';
import { inspectJson } from '../util/inspect-json';
import { isValidReplica } from './is-valid-replica';
import { MAX_REPLICA_DEPTH, MAX_REPLICA_VALUES } from './replica-limits';
import { exampleReplica } from './testing/example-replica';
import { damagedReplica, hostileJson } from './testing/hostile-json';
import { replicaSchemaErrors } from './validate-replica';
import type { JsonValue } from './types';

const v2: JsonValue = JSON.parse(
  JSON.stringify({
    ...exampleReplica,
    schema: 2,
    fieldTimes: {
      '/summary': '2026-11-20T09:15:00Z',
      '/custom/Customer Tier': '2026-11-20T09:15:00.123456789Z',
    },
  }),
) as JsonValue;
const v1 = JSON.parse(JSON.stringify(exampleReplica)) as JsonValue;

/** Values that sit on an edge of some rule of the schema. */
const edgy = fc.constantFrom<JsonValue>(
  null,
  '',
  ' ',
  'x',
  'x'.repeat(200),
  'x'.repeat(201),
  '😀'.repeat(200),
  '😀'.repeat(201),
  'h'.repeat(2049),
  0,
  -1,
  1.5,
  2 ** 53,
  2 ** 53 - 1,
  true,
  [],
  {},
  ['a', 'a'],
  ['a', ''],
  { name: '' },
  { name: 'x' },
  { name: 'x', extra: 1 },
  { name: 'x', category: null },
  { key: 'K' },
  { displayName: 'A', platformId: 'p' },
  { displayName: 'A', platformId: '' },
  { displayName: 'A', platformId: 'p', email: 3 },
  '2026-11-20T10:00:00Z',
  '2026-11-20T10:00:00.1234567891Z',
  '2026-11-20T10:00:00+01:00',
  '2026-02-30T10:00:00Z',
  '2026-02-29',
  '2028-02-29',
  '2026-13-01',
  'https://acme.example/x',
  'HTTPS://acme.example',
  'https://',
  'https://exa mple.com',
  'javascript:alert(1)',
  'jira:attachment:1',
  'image/png',
  'image',
  'a'.repeat(64),
  'f'.repeat(64),
  'jira',
  'Jira',
  '/summary',
  '/custom/',
  '/custom/x',
  '/nope',
  { '/summary': '2026-11-20T10:00:00Z' },
  { '/bogus': '2026-11-20T10:00:00Z' },
  { '/summary': 'yesterday' },
  { '/custom/A': '2026-02-30T10:00:00Z' },
);

/** An edit that makes an array repeat one of its items (a label, a comment id): the uniqueness rules. */
const DUPLICATE = '\u0000duplicate';

/** One edit: which container, which member, what becomes of it (undefined: removed), a new key's name. */
const edit = fc.tuple(
  fc.noBias(fc.nat()),
  fc.noBias(fc.nat()),
  fc.oneof(edgy, fc.constant(undefined), fc.constant(DUPLICATE)),
  fc.string({ maxLength: 8 }),
);

/** A replica (v1 or v2) with up to three edits at any depth: members replaced, added, removed or repeated. */
const nearlyValid: fc.Arbitrary<JsonValue> = fc
  .tuple(fc.constantFrom(v1, v2), fc.array(edit, { minLength: 1, maxLength: 3 }))
  .map(([base, edits]) => {
    const copy = JSON.parse(JSON.stringify(base)) as JsonValue;
    for (const [where, which, value, extraKey] of edits) {
      const containers: (Record<string, JsonValue> | JsonValue[])[] = [];
      const stack: JsonValue[] = [copy];
      while (stack.length > 0) {
        const node = stack.pop() as JsonValue;
        if (node === null || typeof node !== 'object') continue;
        containers.push(node);
        stack.push(...Object.values(node));
      }
      const target = containers[where % containers.length] as Record<string, JsonValue> | JsonValue[];
      if (Array.isArray(target)) {
        const index = which % (target.length + 1);
        if (value === DUPLICATE) {
          if (target.length > 0)
            target.push(JSON.parse(JSON.stringify(target[index % target.length])) as JsonValue);
        } else if (value === undefined) target.splice(index, 1);
        else target[index] = value;
        continue;
      }
      const keys = Object.keys(target);
      const key = keys.length === 0 || which % 8 === 0 ? extraKey : (keys[which % keys.length] as string);
      if (value === DUPLICATE) continue;
      if (value === undefined) Reflect.deleteProperty(target, key);
      else
        Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
    }
    return copy;
  });

function withinLimits(value: unknown): boolean {
  return inspectJson(value, { maxDepth: MAX_REPLICA_DEPTH, maxValues: MAX_REPLICA_VALUES }).length === 0;
}

describe('isValidReplica, the fast path of validateReplica', () => {
  it('accepts the example replica as v1 and as v2', () => {
    expect(isValidReplica(v1)).toBe(true);
    expect(isValidReplica(v2)).toBe(true);
  });

  it.each(validateReplicaSuite.cases.map((item) => [item.name, item.input.document] as const))(
    'agrees with the schema on the conformance vector %s',
    (_name, document) => {
      expect(isValidReplica(document)).toBe(replicaSchemaErrors(document).length === 0);
    },
  );

  it.each([
    ['nearly valid replicas', nearlyValid],
    ['the example replica with a part replaced by hostile JSON', damagedReplica],
    ['any JSON', hostileJson],
  ])('never accepts what the schema refuses, and accepts what it accepts, for %s', (_what, input) => {
    fc.assert(
      fc.property(input, (value) => {
        fc.pre(withinLimits(value));
        const errors = replicaSchemaErrors(value);
        expect({ fast: isValidReplica(value), errors }).toEqual({ fast: errors.length === 0, errors });
      }),
      // Nearly valid replicas find a lenient fast path; the other two are mostly refused at once.
      { numRuns: fuzzRuns(input === nearlyValid ? 500 : 100) },
    );
  });
});
