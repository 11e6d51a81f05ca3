import { planCollectionSync, type CollectionSyncInput } from './plan-collection-sync';

const c1 = { id: 'c1', body: '<p>one</p>' };
const c2 = { id: 'c2', body: '<p>two</p>' };
const c3 = { id: 'c3', body: '<p>three</p>' };

function input(overrides: Partial<CollectionSyncInput>): CollectionSyncInput {
  return {
    name: 'comments',
    items: [],
    previousItems: undefined,
    pairs: [],
    propagateDeletes: false,
    ...overrides,
  };
}

describe('planCollectionSync', () => {
  it('adds every item on first sync, in list order', () => {
    const result = planCollectionSync(input({ items: [c1, c2] }));
    expect(result).toEqual({
      ok: true,
      plan: {
        add: [
          { remoteId: 'c1', value: c1 },
          { remoteId: 'c2', value: c2 },
        ],
        update: [],
        remove: [],
      },
      pairs: [],
    });
  });

  it('plans nothing when the same list is replayed', () => {
    const pairs = [
      { remote: 'c1', local: 'L1' },
      { remote: 'c2', local: 'L2' },
    ];
    const result = planCollectionSync(input({ items: [c1, c2], previousItems: [c1, c2], pairs }));
    expect(result).toEqual({ ok: true, plan: { add: [], update: [], remove: [] }, pairs });
  });

  it('adds only the items that have no local copy yet', () => {
    const result = planCollectionSync(
      input({
        items: [c1, c2, c3],
        previousItems: [c1, c2],
        pairs: [
          { remote: 'c1', local: 'L1' },
          { remote: 'c2', local: 'L2' },
        ],
      }),
    );
    expect(result.ok && result.plan.add).toEqual([{ remoteId: 'c3', value: c3 }]);
  });

  it('updates the local copy of an item edited since previous', () => {
    const edited = { ...c1, body: '<p>one, edited</p>' };
    const result = planCollectionSync(
      input({ items: [edited], previousItems: [c1], pairs: [{ remote: 'c1', local: 'L1' }] }),
    );
    expect(result.ok && result.plan.update).toEqual([{ remoteId: 'c1', localId: 'L1', value: edited }]);
  });

  it('does not update a paired item it cannot compare with a previous version', () => {
    const result = planCollectionSync(
      input({ items: [c1], previousItems: undefined, pairs: [{ remote: 'c1', local: 'L1' }] }),
    );
    expect(result.ok && result.plan).toEqual({ add: [], update: [], remove: [] });
  });

  it('removes the copy of an item gone from the list when deletes propagate, and forgets its pair', () => {
    const pairs = [
      { remote: 'c1', local: 'L1' },
      { remote: 'c2', local: 'L2' },
    ];
    const result = planCollectionSync(
      input({ items: [c1], previousItems: [c1, c2], pairs, propagateDeletes: true }),
    );
    expect(result).toEqual({
      ok: true,
      plan: { add: [], update: [], remove: [{ remoteId: 'c2', localId: 'L2' }] },
      pairs: [{ remote: 'c1', local: 'L1' }],
    });
  });

  it('keeps the copy and its pair when deletes do not propagate, so the item is never re-added', () => {
    const pairs = [{ remote: 'c2', local: 'L2' }];
    const result = planCollectionSync(input({ items: [], previousItems: [c2], pairs }));
    expect(result).toEqual({ ok: true, plan: { add: [], update: [], remove: [] }, pairs });
  });

  it('accepts numeric ids and compares them as strings', () => {
    const result = planCollectionSync(
      input({ items: [{ id: 10001, body: 'x' }], pairs: [{ remote: '10001', local: 'L9' }] }),
    );
    expect(result.ok && result.plan.add).toEqual([]);
  });

  it('keeps the first of two items with the same id', () => {
    const result = planCollectionSync(input({ items: [c1, { id: 'c1', body: 'dup' }] }));
    expect(result.ok && result.plan.add).toEqual([{ remoteId: 'c1', value: c1 }]);
  });

  it('fails with rule-output when the rules assigned something other than a list', () => {
    const result = planCollectionSync(input({ items: 'c1' }));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.code).toBe('rule-output');
  });

  it('fails with rule-output when an item has no id', () => {
    const result = planCollectionSync(input({ items: [{ body: 'no id' }] }));
    expect(!result.ok && result.error).toEqual({
      code: 'rule-output',
      message: 'Item 0 of comments has no id; keep the remote id when reshaping items (id: c.id).',
    });
  });
});
