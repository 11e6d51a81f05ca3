import { unlinkEntity } from './unlink-entity';
import { syncLocalChange } from '../outgoing/sync-local-change';
import { createTestNode, seedEntity } from '../testing/test-node';

describe('unlinkEntity', () => {
  it('marks the link unlinked and queues an unlink message in place of a pending replica', async () => {
    const node = createTestNode({ platform: 'salesforce', type: 'Case' });
    const ref = seedEntity(node, '500A', { title: 'x' });
    await syncLocalChange(node.engine.context, ref);
    expect(await unlinkEntity(node.engine.context, ref)).toEqual({ kind: 'unlinked' });
    expect((await node.links.get('conn-1', ref))?.state).toBe('unlinked');
    expect((await node.outbox.get('conn-1:Case:500A'))?.message).toEqual({
      kind: 'unlink',
      entity: ref,
      target: null,
      reason: null,
    });
    expect(await node.engine.status(ref)).toMatchObject({ state: 'unlinked' });
  });

  it('tells the other side why, when a reason is given', async () => {
    const node = createTestNode({ platform: 'salesforce', type: 'Case' });
    const ref = seedEntity(node, '500A', { title: 'x' });
    await syncLocalChange(node.engine.context, ref);
    await unlinkEntity(node.engine.context, ref, 'Duplicate of SUP-7');
    expect((await node.outbox.get('conn-1:Case:500A'))?.message).toMatchObject({
      reason: 'Duplicate of SUP-7',
    });
  });

  it('keeps the entity data', async () => {
    const node = createTestNode({ platform: 'salesforce', type: 'Case' });
    const ref = seedEntity(node, '500A', { title: 'x' });
    await syncLocalChange(node.engine.context, ref);
    await unlinkEntity(node.engine.context, ref);
    expect((await node.entities.read(ref))?.view.title).toBe('x');
  });

  it('says so when there is nothing to unlink', async () => {
    const node = createTestNode({ platform: 'salesforce', type: 'Case' });
    const ref = seedEntity(node, '500A', { title: 'x' });
    expect(await unlinkEntity(node.engine.context, ref)).toEqual({ kind: 'not-linked' });
    await syncLocalChange(node.engine.context, ref);
    await unlinkEntity(node.engine.context, ref);
    expect(await unlinkEntity(node.engine.context, ref)).toEqual({ kind: 'already-unlinked' });
  });
});
