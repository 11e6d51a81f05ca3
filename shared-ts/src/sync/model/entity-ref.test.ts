import { describeRef } from './entity-ref';

describe('describeRef', () => {
  it('names an entity by its human key when it has one', () => {
    expect(describeRef({ platform: 'jira', type: 'issue', id: '10001', key: 'SUP-12' })).toBe(
      'jira issue SUP-12',
    );
  });

  it('falls back to the id', () => {
    expect(describeRef({ platform: 'salesforce', type: 'Case', id: '500A' })).toBe('salesforce Case 500A');
  });
});
