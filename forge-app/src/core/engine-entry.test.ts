import { createSyncEngine } from '@tandem/shared-ts/engine';
import { handleRendezvousRequest } from '@tandem/shared-ts/protocol';

describe('the Forge app reaches the core through its public entries', () => {
  it('resolves the engine and protocol entries from source', () => {
    expect(typeof createSyncEngine).toBe('function');
    expect(typeof handleRendezvousRequest).toBe('function');
  });
});
