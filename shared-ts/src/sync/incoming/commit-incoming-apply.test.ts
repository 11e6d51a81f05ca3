import { commitIncomingApply } from './commit-incoming-apply';
import { createLink } from '../links/create-link';
import type { LinkDraft } from './plan-incoming-apply';
import { caseOf, JIRA_ISSUE, SALESFORCE_CASE } from '../testing/fixtures';
import type { WritePlan } from '../model/write-plan';

const none = { add: [], update: [], remove: [] };

function draft(overrides: Partial<LinkDraft> = {}): LinkDraft {
  return {
    ...createLink('conn-1', SALESFORCE_CASE, JIRA_ISSUE),
    incoming: {
      seq: 2,
      acked: 0,
      baseline: [
        { path: ['Subject'], value: 'Written', sentSeq: 0 },
        { path: ['Status'], value: 'Agreed', sentSeq: 0 },
      ],
    },
    comments: [{ remote: 'c1', local: 'L1' }],
    lastSyncAt: '2026-11-20T10:00:00.000Z',
    ...overrides,
  };
}

describe('commitIncomingApply', () => {
  it('stores the value read back for each written field, as the platform normalised it', () => {
    const plan: WritePlan = {
      target: SALESFORCE_CASE,
      fields: [{ path: ['Subject'], value: 'Written' }],
      comments: none,
      attachments: none,
    };
    const link = commitIncomingApply(
      draft(),
      plan,
      {
        entity: caseOf({ Subject: 'Written (trimmed)', Status: 'Changed meanwhile' }),
        created: { comments: [], attachments: [] },
      },
      3,
    );
    expect(link.incoming.baseline).toEqual([
      { path: ['Subject'], value: 'Written (trimmed)', sentSeq: 0 },
      { path: ['Status'], value: 'Agreed', sentSeq: 0 },
    ]);
  });

  it('pairs each created copy with its remote item', () => {
    const plan: WritePlan = { target: SALESFORCE_CASE, fields: [], comments: none, attachments: none };
    const link = commitIncomingApply(
      draft(),
      plan,
      {
        entity: caseOf({}),
        created: { comments: [{ remote: 'c2', local: 'L2' }], attachments: [{ remote: 'a1', local: 'F1' }] },
      },
      3,
    );
    expect(link.comments).toEqual([
      { remote: 'c1', local: 'L1' },
      { remote: 'c2', local: 'L2' },
    ]);
    expect(link.attachments).toEqual([{ remote: 'a1', local: 'F1' }]);
  });

  it('takes the local ref of a created entity from the outcome', () => {
    const created = { platform: 'salesforce', type: 'Case', id: '500NEW', key: '00001027' };
    const plan: WritePlan = { target: null, fields: [], comments: none, attachments: none };
    const link = commitIncomingApply(
      draft({ local: null }),
      plan,
      {
        entity: { ref: created, view: {}, modifiedAt: null },
        created: { comments: [], attachments: [] },
      },
      3,
    );
    expect(link.local).toBe(created);
  });

  it('carries the version the link was read at, for the compare-and-set save', () => {
    const plan: WritePlan = { target: SALESFORCE_CASE, fields: [], comments: none, attachments: none };
    const outcome = { entity: caseOf({}), created: { comments: [], attachments: [] } };
    expect(commitIncomingApply(draft(), plan, outcome, 7).version).toBe(7);
  });
});
