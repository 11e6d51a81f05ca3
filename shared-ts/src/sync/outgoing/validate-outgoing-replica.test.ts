import { replicaContentHash } from '../../replica';
import { replicaOf } from '../testing/fixtures';
import { validateOutgoingReplica } from './validate-outgoing-replica';

async function hashed(overrides: Parameters<typeof replicaOf>[0]) {
  const replica = replicaOf(overrides);
  return { ...replica, hash: await replicaContentHash(replica) };
}

describe('validateOutgoingReplica', () => {
  it('accepts a valid replica', async () => {
    expect(validateOutgoingReplica(await hashed({}))).toBeNull();
  });

  it('refuses an invalid replica with a schema failure that says where', async () => {
    const failure = validateOutgoingReplica({ ...(await hashed({})), summary: 42 as unknown as string });
    expect(failure?.code).toBe('schema');
    expect(failure?.message).toMatch(
      /^The outgoing rules built an invalid replica \(\/summary: .+\); fix the outgoing rules, then retry\.$/,
    );
  });

  it('lists at most three problems and counts the rest', async () => {
    const broken = {
      ...(await hashed({})),
      summary: 1,
      description: 2,
      labels: 3,
      due: 4,
      type: 5,
    } as unknown as Parameters<typeof validateOutgoingReplica>[0];
    expect(validateOutgoingReplica(broken)?.message).toMatch(/; and \d+ more\); fix/);
  });
});
