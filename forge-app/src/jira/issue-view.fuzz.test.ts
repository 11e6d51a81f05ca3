/**
 * `issueView` on any JSON as Jira's REST answer (a changed API, a proxy's page, hostile custom
 * field values, names like `__proto__` or `toString`): a view or a coded failure, never a throw.
 */
import fc from 'fast-check';
import { fuzzRuns } from '@tandem/shared-ts/testing';
import type { RestComment, RestIssue } from './jira-shapes';
import { issueView } from './issue-view';

const strange = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }),
  fc.constantFrom({ toString: 0 }, { valueOf: 0, toString: 0 }, { __proto__: null }, [{ toString: 0 }]),
);
const issueLike = fc.record(
  {
    id: strange,
    key: strange,
    names: strange,
    schema: strange,
    fields: fc.oneof(
      strange,
      fc.dictionary(
        fc.constantFrom(
          'summary',
          'description',
          'status',
          'priority',
          'issuetype',
          'labels',
          'assignee',
          'reporter',
          'project',
          'parent',
          'attachment',
          'created',
          'updated',
          'customfield_10010',
          'toString',
          '__proto__',
        ),
        strange,
      ),
    ),
  },
  { requiredKeys: [] },
);
const commentLike = fc.record(
  { id: strange, body: strange, author: strange, created: strange, updated: strange, visibility: strange },
  { requiredKeys: [] },
);

describe('issueView on any JSON', () => {
  it('returns a view or a coded failure, never throws', () => {
    fc.assert(
      fc.property(issueLike, fc.array(commentLike, { maxLength: 3 }), (issue, comments) => {
        const result = issueView(
          issue as unknown as RestIssue,
          comments as unknown as RestComment[],
          'app-1',
          null,
        );
        if (!result.ok) expect(typeof result.error.code).toBe('string');
      }),
      { numRuns: fuzzRuns(300) },
    );
  });
});
