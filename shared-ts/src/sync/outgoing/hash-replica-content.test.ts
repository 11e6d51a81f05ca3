import { hashReplicaContent } from './hash-replica-content';
import type { Replica } from '../../replica';
import { replicaOf } from '../testing/fixtures';

describe('hashReplicaContent', () => {
  it('hands the hasher the content numbered with seq 0 and an empty hash', async () => {
    const seen: Replica[] = [];
    const { seq: _seq, hash: _hash, ...content } = replicaOf();
    await hashReplicaContent(async (replica) => (seen.push(replica), 'h'), content);
    expect(seen).toEqual([{ ...content, seq: 0, hash: '' }]);
  });
});
