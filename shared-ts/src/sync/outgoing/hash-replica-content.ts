import type { ReplicaContent } from './build-outgoing-replica';
import type { ReplicaHasher } from '../model/ports';

/** The content hash of a replica not numbered yet (the hash ignores seq and hash by definition). */
export function hashReplicaContent(hashReplica: ReplicaHasher, content: ReplicaContent): Promise<string> {
  return hashReplica({ ...content, seq: 0, hash: '' });
}
