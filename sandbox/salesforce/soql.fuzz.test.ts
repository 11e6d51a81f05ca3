import fc from 'fast-check';
import { fuzzRuns } from '@tandem/shared-ts/testing';
import { SalesforceOrg } from './model';
import { compileWhereClause, runQuery } from './soql';

const org = new SalesforceOrg({ now: () => Date.UTC(2026, 11, 3) });
for (const [Subject, Priority] of [
  ['a', 'High'],
  ['b', 'Low'],
] as const)
  org.insert('Case', { Subject, Priority });

// Pieces of SOQL, so that many inputs parse and reach the evaluator, not only the parser.
const piece = fc.constantFrom(
  'SELECT',
  'Id',
  'Subject',
  'Owner.Name',
  'COUNT()',
  ',',
  'FROM',
  'Case',
  'CaseComment',
  'WHERE',
  'AND',
  'OR',
  'NOT',
  '(',
  ')',
  '=',
  '!=',
  '<',
  '>',
  'IN',
  'LIKE',
  "'%a%'",
  "'x'",
  'null',
  'TODAY',
  'LAST_N_DAYS:3',
  '2026-01-01',
  '2026-01-01T00:00:00Z',
  'CreatedDate',
  'Priority',
  'ORDER BY',
  'DESC',
  'NULLS LAST',
  'LIMIT',
  'OFFSET',
  '5',
  'true',
);

describe('SOQL on the stand-in, on any input', () => {
  it('answers a value and never throws, for junk text and for shuffled SOQL pieces', () => {
    const input = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.array(piece, { maxLength: 25 }).map((parts) => parts.join(' ')),
    );
    fc.assert(
      fc.property(input, (soql) => {
        const result = runQuery(org, soql);
        expect(typeof result.ok).toBe('boolean');
        if (!result.ok) expect(result.error.message.length).toBeGreaterThan(0);
        const where = compileWhereClause('Case', soql);
        expect(typeof where.ok).toBe('boolean');
      }),
      { numRuns: fuzzRuns(300) },
    );
  });
});
