import { commitPartialApply } from './commit-partial-apply';
import { createLink } from '../links/create-link';
import { JIRA_ISSUE, SALESFORCE_CASE } from '../testing/fixtures';

const nothing = { comments: [], attachments: [] };

describe('commitPartialApply', () => {
  it('remembers the copies a failed apply created, so the retry does not add them again', () => {
    const link = {
      ...createLink('conn-1', SALESFORCE_CASE, JIRA_ISSUE),
      comments: [{ remote: 'c1', local: 'L1' }],
    };
    const after = commitPartialApply(link, 'conn-1', JIRA_ISSUE, {
      entity: null,
      created: { comments: [{ remote: 'c2', local: 'L2' }], attachments: [] },
    });
    expect(after?.comments).toEqual([
      { remote: 'c1', local: 'L1' },
      { remote: 'c2', local: 'L2' },
    ]);
    expect(after?.incoming).toEqual(link.incoming);
  });

  it('links the entity a failed first apply created, so the retry does not create another', () => {
    const after = commitPartialApply(null, 'conn-1', JIRA_ISSUE, {
      entity: SALESFORCE_CASE,
      created: nothing,
    });
    expect(after).toEqual(createLink('conn-1', SALESFORCE_CASE, JIRA_ISSUE));
  });

  it('has nothing to remember when nothing was created', () => {
    expect(commitPartialApply(null, 'conn-1', JIRA_ISSUE, { entity: null, created: nothing })).toBeNull();
    expect(
      commitPartialApply(createLink('conn-1', SALESFORCE_CASE), 'conn-1', JIRA_ISSUE, {
        entity: null,
        created: nothing,
      }),
    ).toBeNull();
  });
});
