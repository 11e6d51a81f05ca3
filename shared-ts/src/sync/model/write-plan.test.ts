import { isEmptyWritePlan, type WritePlan } from './write-plan';

const target = { platform: 'salesforce', type: 'Case', id: '500A' };
const none = { add: [], update: [], remove: [] };

describe('isEmptyWritePlan', () => {
  it('is true for a plan that writes nothing to an existing entity', () => {
    expect(isEmptyWritePlan({ target, fields: [], comments: none, attachments: none })).toBe(true);
  });

  it('is false for a plan that creates the entity, even with nothing else to write', () => {
    expect(isEmptyWritePlan({ target: null, fields: [], comments: none, attachments: none })).toBe(false);
  });

  it('is false as soon as one field or one collection item changes', () => {
    const plan: WritePlan = { target, fields: [], comments: none, attachments: none };
    expect(isEmptyWritePlan({ ...plan, fields: [{ path: ['Subject'], value: 'x' }] })).toBe(false);
    expect(
      isEmptyWritePlan({ ...plan, comments: { ...none, remove: [{ remoteId: 'c', localId: 'l' }] } }),
    ).toBe(false);
    expect(isEmptyWritePlan({ ...plan, attachments: { ...none, add: [{ remoteId: 'a', value: {} }] } })).toBe(
      false,
    );
  });
});
