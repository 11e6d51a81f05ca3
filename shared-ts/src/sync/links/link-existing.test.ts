import { linkExisting, type LinkExistingResult } from './link-existing';
import { syncLocalChange } from '../outgoing/sync-local-change';
import { createTestNode, seedEntity } from '../testing/test-node';

const PROJ_12 = { platform: 'jira', type: 'issue', id: '10012', key: 'PROJ-12' };

function salesforce() {
  return createTestNode({ platform: 'salesforce', type: 'Case' });
}

describe('linkExisting', () => {
  it('links an existing Case to an existing issue and queues its replica with the issue as target', async () => {
    const node = salesforce();
    const ref = seedEntity(node, '500A', { title: 'Printer on fire' });
    const result = await linkExisting(node.engine.context, ref, PROJ_12);
    expect(result).toEqual({ kind: 'linked', sent: { kind: 'enqueued', seq: 1 } });
    expect((await node.links.get('conn-1', ref))?.remote).toEqual(PROJ_12);
    expect((await node.outbox.get('conn-1:Case:500A'))?.message).toMatchObject({
      kind: 'replica',
      target: PROJ_12,
    });
    expect(node.log.entries.map((entry) => entry.kind)).toContain('linked');
  });

  it('refuses an entity that already syncs, and changes nothing', async () => {
    const node = salesforce();
    const ref = seedEntity(node, '500A', { title: 'Printer on fire' });
    await syncLocalChange(node.engine.context, ref);
    const before = JSON.stringify([...node.links.links.values()]);
    expect(await linkExisting(node.engine.context, ref, PROJ_12)).toMatchObject({
      kind: 'refused',
      code: 'already-linked',
    });
    expect(JSON.stringify([...node.links.links.values()])).toBe(before);
  });

  it('refuses an issue already paired with another Case, naming that Case', async () => {
    const node = salesforce();
    const first = seedEntity(node, '500A', { title: 'one' });
    const second = seedEntity(node, '500B', { title: 'two' });
    await linkExisting(node.engine.context, first, PROJ_12);
    const result = await linkExisting(node.engine.context, second, PROJ_12);
    expect(result).toMatchObject({ kind: 'refused', code: 'remote-already-linked' });
    expect(result.kind === 'refused' && result.message).toMatch(/salesforce Case 500A/);
  });

  it('refuses a missing local entity and a remote ref of its own platform', async () => {
    const node = salesforce();
    const ref = { platform: 'salesforce', type: 'Case', id: '500Z' };
    expect(await linkExisting(node.engine.context, ref, PROJ_12)).toMatchObject({ code: 'local-missing' });
    const own = seedEntity(node, '500A', {});
    expect(
      await linkExisting(node.engine.context, own, { platform: 'salesforce', type: 'Case', id: '500B' }),
    ).toMatchObject({
      code: 'remote-invalid',
    });
    expect(node.links.links.size).toBe(0);
  });

  it('two admins linking the same Case at once: one links, the other is refused', async () => {
    const node = salesforce();
    const ref = seedEntity(node, '500A', { title: 'one' });
    let second: Promise<LinkExistingResult> | null = null;
    node.links.beforeSave.push(() => {
      second = linkExisting(node.engine.context, ref, { ...PROJ_12, id: '10013', key: 'PROJ-13' });
    });
    const first = await linkExisting(node.engine.context, ref, PROJ_12);
    const results = [first, await (second as Promise<LinkExistingResult> | null)];
    expect(results.map((result) => result?.kind).sort()).toEqual(['linked', 'refused']);
  });
});
