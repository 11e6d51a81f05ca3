import { replicaJsonSchema } from './replica-json-schema';
import {
  MAX_REPLICA_DEPTH,
  MAX_REPLICA_ID,
  MAX_REPLICA_PLATFORM,
  MAX_REPLICA_URL,
  MAX_REPLICA_VALUES,
} from './replica-limits';
import { exampleReplica } from './testing/example-replica';
import type { Replica } from './types';
import { validateReplica, type ReplicaValidationError } from './validate-replica';

/** A deep copy of the example replica as untyped JSON, to break at will. */
function example(): Record<string, unknown> & { [key: string]: unknown } {
  return structuredClone(exampleReplica) as unknown as Record<string, unknown>;
}

function errorsOf(value: unknown): ReplicaValidationError[] {
  const result = validateReplica(value);
  return result.ok ? [] : result.error.errors;
}

const REMOVED = Symbol('removed');

/** A copy of the example with the value at a JSON pointer replaced (or removed, for REMOVED). */
function withValue(path: string, value: unknown): unknown {
  const copy = example();
  const segments = path
    .split('/')
    .slice(1)
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
  const last = segments.pop() ?? '';
  let node: unknown = copy;
  for (const segment of segments) node = (node as Record<string, unknown>)[segment];
  if (value === REMOVED) Reflect.deleteProperty(node as object, last);
  else (node as Record<string, unknown>)[last] = value;
  return copy;
}

const minimal: Replica = {
  schema: 1,
  entity: { platform: 'salesforce', type: 'Case', id: '500Qy00000A1b2C' },
  seq: 0,
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
};

describe('validateReplica', () => {
  it('accepts a complete replica and returns it', () => {
    expect(validateReplica(exampleReplica)).toEqual({ ok: true, replica: exampleReplica });
  });

  it('accepts a replica where every nullable field is null and every list is empty', () => {
    expect(validateReplica(minimal)).toEqual({ ok: true, replica: minimal });
  });

  it('accepts a due date with a time, in UTC', () => {
    expect(validateReplica(withValue('/due', '2026-12-01T17:00:00Z')).ok).toBe(true);
  });

  it('accepts any JSON value in custom fields, under any name', () => {
    expect(
      validateReplica(withValue('/custom', { 'a/b ~c': { deep: [1, 'two', null, true] }, '': 0 })).ok,
    ).toBe(true);
  });

  it.each([
    '/schema',
    '/entity',
    '/entity/platform',
    '/entity/type',
    '/entity/id',
    '/seq',
    '/hash',
    '/summary',
    '/description',
    '/status',
    '/status/name',
    '/priority/name',
    '/labels',
    '/assignee/displayName',
    '/assignee/platformId',
    '/created',
    '/updated',
    '/due',
    '/resolution',
    '/type',
    '/project/key',
    '/parent',
    '/custom',
    '/comments',
    '/comments/0/id',
    '/comments/0/author',
    '/comments/0/body',
    '/comments/1/created',
    '/comments/0/updated',
    '/comments/0/internal',
    '/attachments',
    '/attachments/0/id',
    '/attachments/0/filename',
    '/attachments/0/mimeType',
    '/attachments/0/size',
    '/attachments/0/created',
    '/attachments/0/author',
    '/attachments/0/ref',
  ])('refuses a replica without %s, naming that path and the rule', (path) => {
    const name = path.slice(path.lastIndexOf('/') + 1);
    expect(errorsOf(withValue(path, REMOVED))).toEqual([
      { path, rule: 'required', message: `required property "${name}" is missing` },
    ]);
  });

  it.each([
    '/entity/key',
    '/entity/url',
    '/status/category',
    '/assignee/email',
    '/project/name',
    '/parent/id',
    '/attachments/0/sha256',
  ])('accepts a replica without the optional %s', (path) => {
    expect(validateReplica(withValue(path, REMOVED)).ok).toBe(true);
  });

  it.each<[string, unknown, string]>([
    ['/summary', 42, 'must be a string or null, found the integer 42'],
    ['/labels', 'checkout', 'must be an array, found the string "checkout"'],
    ['/status', 'Done', 'must be an object or null, found the string "Done"'],
    ['/seq', 1.5, 'must be an integer, found the number 1.5'],
    ['/comments/0/internal', 'no', 'must be a boolean, found the string "no"'],
    ['/entity', null, 'must be an object, found null'],
    ['/custom', [], 'must be an object, found an array'],
  ])('refuses %s = %j with a type error', (path, value, message) => {
    expect(errorsOf(withValue(path, value))).toEqual([{ path, rule: 'type', message }]);
  });

  it('refuses an unknown top-level property, pointing to custom fields', () => {
    expect(errorsOf({ ...example(), Severity: 'S1' })).toEqual([
      {
        path: '/Severity',
        rule: 'additionalProperties',
        message: 'unknown property "Severity": a replica has no such field (custom fields belong in /custom)',
      },
    ]);
  });

  it('refuses an unknown property inside a nested object', () => {
    expect(errorsOf(withValue('/comments/0/likes', 3))).toEqual([
      { path: '/comments/0/likes', rule: 'additionalProperties', message: 'unknown property "likes" here' },
    ]);
  });

  it('writes unusual property names as JSON pointers', () => {
    expect(errorsOf({ ...example(), 'a/b c~': 1 })[0]?.path).toBe('/a~1b c~0');
  });

  it('refuses another format version', () => {
    expect(errorsOf(withValue('/schema', 3))).toEqual([
      { path: '/schema', rule: 'enum', message: 'must be one of 1, 2, found 3' },
    ]);
  });

  it('accepts a v2 replica with field times by pointer, a custom field name escaped', () => {
    const v2 = {
      ...example(),
      schema: 2,
      fieldTimes: { '/summary': '2026-11-20T10:00:00.000Z', '/custom/a~1b': '2026-11-20T10:00:00Z' },
    };
    expect(validateReplica(v2).ok).toBe(true);
  });

  it('refuses a v2 replica without field times, and a v1 replica with them', () => {
    expect(errorsOf({ ...example(), schema: 2 })).toEqual([
      {
        path: '/fieldTimes',
        rule: 'required',
        message: 'required property "fieldTimes" is missing (Replica v2)',
      },
    ]);
    expect(errorsOf({ ...example(), fieldTimes: {} })).toEqual([
      {
        path: '/fieldTimes',
        rule: 'additionalProperties',
        message:
          'unknown property "fieldTimes": Replica v1 has no field times (send schema 2, or leave them out)',
      },
    ]);
  });

  it('refuses a field time for a field that has none, and a time that is not a UTC timestamp or does not exist', () => {
    const v2 = {
      ...example(),
      schema: 2,
      fieldTimes: {
        '/updated': '2026-11-20T10:00:00Z',
        '/summary': 'yesterday',
        '/status': '2026-02-31T10:00:00Z',
      },
    };
    expect(errorsOf(v2).map((error) => `${error.path} ${error.rule}`)).toEqual([
      '/fieldTimes/~1summary pattern',
      '/fieldTimes/~1updated propertyNames',
      '/fieldTimes/~1status date',
    ]);
  });

  it.each([
    ['/created', '2026-11-20T09:15:00+01:00'],
    ['/created', '2026-11-20'],
    ['/comments/0/created', 'yesterday'],
    ['/updated', '2026-13-01T00:00:00Z'],
  ])('refuses %s = %j: timestamps are UTC and end in Z', (path, value) => {
    expect(errorsOf(withValue(path, value))).toEqual([
      {
        path,
        rule: 'pattern',
        message: `must be a UTC timestamp in ISO-8601 form ending in Z, such as 2026-11-27T09:30:00.000Z, found ${JSON.stringify(value)}`,
      },
    ]);
  });

  it('refuses a due date that is neither a date nor a UTC timestamp', () => {
    expect(errorsOf(withValue('/due', '01/12/2026'))).toEqual([
      {
        path: '/due',
        rule: 'pattern',
        message:
          'must be a calendar date such as 2026-12-01, or a UTC timestamp such as 2026-12-01T17:00:00Z, found "01/12/2026"',
      },
    ]);
  });

  it('refuses a hash that is not 64 lowercase hex digits', () => {
    expect(errorsOf(withValue('/hash', 'ABC'))[0]).toMatchObject({ path: '/hash', rule: 'pattern' });
  });

  it('refuses a platform name that is not a lowercase word', () => {
    expect(errorsOf(withValue('/entity/platform', 'Jira Cloud'))[0]).toMatchObject({
      path: '/entity/platform',
      rule: 'pattern',
    });
  });

  it('refuses empty ids and names', () => {
    expect(errorsOf(withValue('/comments/0/id', ''))).toEqual([
      { path: '/comments/0/id', rule: 'minLength', message: 'must not be empty' },
    ]);
    expect(errorsOf(withValue('/labels', ['ok', '']))).toEqual([
      { path: '/labels/1', rule: 'minLength', message: 'must not be empty' },
    ]);
  });

  it.each([
    ['/entity/id', MAX_REPLICA_ID, 'x'],
    ['/entity/type', MAX_REPLICA_ID, 'x'],
    ['/entity/key', MAX_REPLICA_ID, 'x'],
    ['/comments/0/id', MAX_REPLICA_ID, 'x'],
    ['/attachments/0/id', MAX_REPLICA_ID, 'x'],
    ['/entity/platform', MAX_REPLICA_PLATFORM, 'x'],
    ['/entity/url', MAX_REPLICA_URL, 'https://acme.example/'],
    ['/parent/url', MAX_REPLICA_URL, 'https://acme.example/'],
    ['/attachments/0/ref', MAX_REPLICA_URL, 'attachment:'],
  ])(
    'refuses %s longer than %i characters (maxLength), as the receiver could not name it back as a target',
    (path, limit, start) => {
      const fits = start + 'x'.repeat(limit - start.length);
      expect(errorsOf(withValue(path, fits))).toEqual([]);
      expect(errorsOf(withValue(path, `${fits}x`))).toEqual([
        { path, rule: 'maxLength', message: `must be at most ${limit} characters, found ${limit + 1}` },
      ]);
    },
  );

  it('counts an id in characters as the schema does, an emoji being one', () => {
    expect(errorsOf(withValue('/entity/id', '\u{1F600}'.repeat(MAX_REPLICA_ID)))).toEqual([]);
    expect(errorsOf(withValue('/entity/id', '\u{1F600}'.repeat(MAX_REPLICA_ID + 1)))).toEqual([
      {
        path: '/entity/id',
        rule: 'maxLength',
        message: `must be at most ${MAX_REPLICA_ID} characters, found ${MAX_REPLICA_ID + 1}`,
      },
    ]);
  });

  it('refuses a negative sequence number or size', () => {
    expect(errorsOf(withValue('/seq', -1))).toEqual([
      { path: '/seq', rule: 'minimum', message: 'must be at least 0, found -1' },
    ]);
    expect(errorsOf(withValue('/attachments/0/size', -5))[0]).toMatchObject({
      path: '/attachments/0/size',
      rule: 'minimum',
    });
  });

  it('refuses a label listed twice', () => {
    expect(errorsOf(withValue('/labels', ['eu', 'checkout', 'eu']))).toEqual([
      { path: '/labels', rule: 'uniqueItems', message: 'must not list the same value twice: "eu" repeats' },
    ]);
  });

  it('refuses two comments with the same id, as they would merge into one', () => {
    expect(errorsOf(withValue('/comments/1/id', '10100'))).toEqual([
      {
        path: '/comments/1/id',
        rule: 'unique',
        message: 'comment id "10100" is already used by /comments/0; ids must be unique',
      },
    ]);
  });

  it('refuses two attachments with the same id', () => {
    const copy = example() as { attachments: unknown[] };
    copy.attachments.push(copy.attachments[0]);
    expect(errorsOf(copy)).toEqual([
      {
        path: '/attachments/1/id',
        rule: 'unique',
        message: 'attachment id "10200" is already used by /attachments/0; ids must be unique',
      },
    ]);
  });

  it('reports every problem at once, not just the first', () => {
    const broken = { ...example(), seq: -1, summary: 7, extra: true };
    delete (broken as Record<string, unknown>).labels;
    expect(
      errorsOf(broken)
        .map((error) => `${error.path} ${error.rule}`)
        .sort(),
    ).toEqual(['/extra additionalProperties', '/labels required', '/seq minimum', '/summary type']);
  });

  it.each<[string, unknown]>([
    ['a string', 'replica'],
    ['null', null],
    ['an array', []],
  ])('refuses %s in place of a replica', (_what, value) => {
    expect(errorsOf(value)).toEqual([
      { path: '', rule: 'type', message: expect.stringMatching(/^must be an object, found /) },
    ]);
  });

  describe('limits on hostile input', () => {
    /** A custom value nested `depth` objects deep, built without recursion. */
    function nestedCustom(depth: number): unknown {
      let value: unknown = 'bottom';
      for (let i = 0; i < depth; i++) value = { inner: value };
      return withValue('/custom', { deep: value });
    }

    it('refuses a replica nested 6,000 levels deep inside custom with one depth error, instead of overflowing the stack', () => {
      const errors = errorsOf(nestedCustom(6000));
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatchObject({
        rule: 'depth',
        message: `is nested more than ${MAX_REPLICA_DEPTH} levels deep: a replica may nest at most ${MAX_REPLICA_DEPTH} levels`,
      });
      expect(errors[0]?.path).toBe(`/custom/deep${'/inner'.repeat(MAX_REPLICA_DEPTH - 2)}`);
    });

    it('accepts custom values nested up to the limit, the replica and custom counting as two levels', () => {
      expect(validateReplica(nestedCustom(MAX_REPLICA_DEPTH - 2)).ok).toBe(true);
      expect(errorsOf(nestedCustom(MAX_REPLICA_DEPTH - 1))[0]?.rule).toBe('depth');
    });

    it('refuses a replica whose values, written out as JSON, exceed the budget (one list shared in many places)', () => {
      let shared: unknown = ['x'];
      for (let i = 0; i < 30; i++) shared = [shared, shared];
      expect(errorsOf(withValue('/custom', { shared }))).toEqual([
        expect.objectContaining({
          rule: 'size',
          message: `the replica holds more than ${MAX_REPLICA_VALUES} values: a replica may hold at most ${MAX_REPLICA_VALUES}`,
        }),
      ]);
    });

    it('refuses one repeated label among 60,000 distinct ones, naming it', () => {
      const labels = Array.from({ length: 60_000 }, (_, i) => `label-${i}`);
      labels.push('label-59999');
      expect(errorsOf(withValue('/labels', labels))).toEqual([
        {
          path: '/labels',
          rule: 'uniqueItems',
          message: 'must not list the same value twice: "label-59999" repeats',
        },
      ]);
    });

    it('still publishes uniqueItems for labels in the schema, though it checks it itself', () => {
      expect(replicaJsonSchema.properties.labels.uniqueItems).toBe(true);
    });

    it('accepts a custom field named __proto__, as JSON.parse reads it', () => {
      const replica = example();
      replica.custom = JSON.parse('{"__proto__": {"tier": "Gold"}, "constructor": 1}') as unknown;
      expect(validateReplica(replica).ok).toBe(true);
    });

    it('cuts long values short in messages', () => {
      const [error] = errorsOf(withValue('/hash', 'x'.repeat(100_000)));
      expect(error?.message.length).toBeLessThan(200);
    });
  });

  describe('days and times that do not exist', () => {
    it.each([
      ['/created', '2026-02-31T00:00:00Z'],
      ['/updated', '2026-04-31T12:00:00.000Z'],
      ['/comments/0/created', '2025-02-29T08:00:00Z'],
      ['/comments/1/updated', '2026-06-31T08:00:00Z'],
      ['/attachments/0/created', '2026-09-31T08:00:00Z'],
      ['/due', '2026-02-30'],
      ['/due', '2026-02-30T17:00:00Z'],
    ])('refuses %s = %j with a date error', (path, value) => {
      expect(errorsOf(withValue(path, value))).toEqual([
        { path, rule: 'date', message: `must be a day that exists, found ${JSON.stringify(value)}` },
      ]);
    });

    it('accepts February 29 in a leap year', () => {
      expect(validateReplica(withValue('/due', '2028-02-29')).ok).toBe(true);
    });
  });

  describe('URLs', () => {
    it.each([
      ['/entity/url', 'javascript:alert(document.cookie)'],
      ['/parent/url', 'javascript:alert(1)'],
      ['/parent/url', 'data:text/html,<script>alert(1)</script>'],
      ['/entity/url', 'ftp://files.acme.example/SUP-42'],
    ])('refuses %s = %j: only http and https links may be shown', (path, value) => {
      expect(errorsOf(withValue(path, value))).toEqual([
        {
          path,
          rule: 'pattern',
          message: `must be an http or https URL such as https://acme.atlassian.net/browse/SUP-42, found ${JSON.stringify(value)}`,
        },
      ]);
    });

    it('refuses an http URL that does not parse', () => {
      expect(errorsOf(withValue('/entity/url', 'https://[acme'))).toEqual([
        {
          path: '/entity/url',
          rule: 'url',
          message: 'must be an http or https URL that parses, found "https://[acme"',
        },
      ]);
    });

    it.each([
      ['javascript:alert(1)', 'must not be a javascript: URL'],
      ['JaVa\tScRiPt:alert(1)', 'must not be a javascript: URL'],
      ['ftp://files.acme.example/a.har', 'must be an http or https URL when it names a host'],
    ])('refuses the attachment reference %j', (ref, problem) => {
      const value = ref.replace('\\t', '\t');
      expect(errorsOf(withValue('/attachments/0/ref', value))).toEqual([
        { path: '/attachments/0/ref', rule: 'url', message: `${problem}, found ${JSON.stringify(value)}` },
      ]);
    });
  });

  describe('values that are not JSON', () => {
    it.each<[string, unknown, string]>([
      ['undefined', undefined, 'must be a JSON value, found undefined (JSON has no undefined: use null)'],
      ['NaN', Number.NaN, 'must be a finite number, found NaN'],
      ['Infinity', Number.POSITIVE_INFINITY, 'must be a finite number, found Infinity'],
      ['a Date', new Date(0), 'must be a plain JSON object, found Date'],
      ['a function', () => 1, 'must be a JSON value, found function'],
      ['a bigint', BigInt(1), 'must be a JSON value, found bigint'],
      ['a lone surrogate', 'a\ud800b', 'contains a lone surrogate: not valid Unicode text'],
    ])('refuses %s, naming its path', (_what, value, message) => {
      expect(errorsOf(withValue('/custom/a~1b', value))).toEqual([
        { path: '/custom/a~1b', rule: 'json', message },
      ]);
    });

    it('refuses a cycle', () => {
      const copy = example() as { custom: Record<string, unknown> };
      copy.custom.self = copy;
      expect(errorsOf(copy)).toEqual([
        {
          path: '/custom/self',
          rule: 'json',
          message: 'refers back to an object that contains it: JSON cannot hold a cycle',
        },
      ]);
    });

    it('refuses undefined in place of a replica', () => {
      expect(errorsOf(undefined)).toEqual([
        {
          path: '',
          rule: 'json',
          message: 'must be a JSON value, found undefined (JSON has no undefined: use null)',
        },
      ]);
    });
  });
});
