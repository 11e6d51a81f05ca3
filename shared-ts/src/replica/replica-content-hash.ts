import { canonicalJson } from '../util/canonical-json';
import { sha256Hex } from '../util/digest';
import type { Replica } from './types';

/**
 * The replica's `hash`: lowercase hex SHA-256 of the UTF-8 bytes of the canonical JSON
 * (RFC 8785: keys sorted by UTF-16 code unit, no white space) of every field except `schema`,
 * `entity`, `seq`, `hash` and `fieldTimes`. Equal content gives an equal hash whatever the
 * sequence number, so a receiver can skip a replica whose content it has already applied; and a
 * v2 replica keeps its hash when it is downgraded to v1 (`downgradeReplica`), since only the
 * times differ.
 */
export async function replicaContentHash(replica: Replica): Promise<string> {
  const {
    schema: _schema,
    entity: _entity,
    seq: _seq,
    hash: _hash,
    fieldTimes: _times,
    ...content
  } = replica;
  return sha256Hex(canonicalJson(content));
}
