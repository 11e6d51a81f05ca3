import { createLink } from '../links/create-link';
import { caseOf, SALESFORCE_CASE } from '../testing/fixtures';
import { withoutEchoItems } from './without-echo-items';

const link = {
  ...createLink('conn-1', SALESFORCE_CASE),
  comments: [{ remote: 'j-1', local: 'L1' }],
  attachments: [{ remote: 'j-a', local: 'F1' }],
};

describe('withoutEchoItems', () => {
  it('leaves out the comment copies the apply created', () => {
    const local = caseOf({
      comments: [
        { id: 'L1', body: 'copy' },
        { id: 'L2', body: 'native' },
      ],
    });
    expect(withoutEchoItems(local, link).comments).toEqual([{ id: 'L2', body: 'native' }]);
  });

  it('leaves out the attachment copies the apply created', () => {
    const local = caseOf({ attachments: [{ id: 'F1' }, { id: 'F2' }] });
    expect(withoutEchoItems(local, link).attachments).toEqual([{ id: 'F2' }]);
  });

  it('leaves out items the integration identity wrote, even without a pair', () => {
    const local = caseOf(
      {
        comments: [
          { id: 'L7', body: 'written by Tandem' },
          { id: 'L8', body: 'native' },
        ],
      },
      { integrationAuthored: { comments: ['L7'] } },
    );
    expect(withoutEchoItems(local, createLink('conn-1', SALESFORCE_CASE)).comments).toEqual([
      { id: 'L8', body: 'native' },
    ]);
  });

  it('returns the same view when there is nothing to leave out', () => {
    const local = caseOf({ Subject: 'x', comments: [{ id: 'L2' }] });
    expect(withoutEchoItems(local, link)).toBe(local.view);
  });

  it('does not touch other fields', () => {
    const local = caseOf({ Subject: 'x', comments: [{ id: 'L1' }] });
    expect(withoutEchoItems(local, link)).toEqual({ Subject: 'x', comments: [] });
  });
});
