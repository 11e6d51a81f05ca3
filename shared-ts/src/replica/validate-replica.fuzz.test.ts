import fc from 'fast-check';
import { fuzzRuns } from '../testing/fuzz-runs';
import { replicaContentHash } from './replica-content-hash';
import { countValues, damagedReplica, hostileJson } from './testing/hostile-json';
import type { Replica } from './types';
import { validateReplica } from './validate-replica';

const RULES = new Set([
  'required',
  'type',
  'const',
  'enum',
  'propertyNames',
  'pattern',
  'minLength',
  'minimum',
  'maximum',
  'uniqueItems',
  'additionalProperties',
  'json',
  'depth',
  'size',
  'unique',
  'date',
  'url',
]);

/** Most errors a value can get: each required member of each object it holds, at most 21 per value. */
const errorBudget = (value: unknown): number => 21 * countValues(value);

describe('validateReplica on hostile JSON', () => {
  it.each([
    ['any JSON in place of a replica', hostileJson],
    ['the example replica with a part replaced', damagedReplica],
  ])('returns a valid replica or documented errors, and never throws, for %s', (_what, input) => {
    fc.assert(
      fc.property(input, (value) => {
        const result = validateReplica(value);
        if (result.ok) return;
        expect(result.error.code).toBe('replica-invalid');
        expect(result.error.message).toMatch(/^The value is not a valid Replica v1 or v2: /);
        const { errors } = result.error;
        expect(errors.length).toBeGreaterThan(0);
        expect(errors.length).toBeLessThanOrEqual(errorBudget(value));
        const undocumented = errors.filter(
          (error) =>
            !RULES.has(error.rule) ||
            !(error.path === '' || error.path.startsWith('/')) ||
            error.message.length > 400,
        );
        expect(undocumented).toEqual([]);
      }),
      { numRuns: fuzzRuns(150) },
    );
  });
});

describe('replicaContentHash on hostile JSON', () => {
  it('hashes whatever it is given, however deep or odd, to 64 hex digits', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(hostileJson, damagedReplica), async (value) => {
        const content =
          value !== null && typeof value === 'object' && !Array.isArray(value) ? value : { value };
        expect(await replicaContentHash(content as unknown as Replica)).toMatch(/^[0-9a-f]{64}$/);
      }),
      { numRuns: fuzzRuns(100) },
    );
  });
});
