import { canonicalJson } from '../util/canonical-json';
import { sha256Hex } from '../util/digest';
import type { Replica } from './types';

/**
 * The replica's `hash`: lowercase hex SHA-256 of the UTF-8 bytes of the canonical JSON
 * (RFC 8785: keys sorted by UTF-16 code unit, no white space) of every field except `schema`,
 * `entity`, `seq` and `hash`. Equal content gives an equal hash whatever the sequence number,
 * so a receiver can skip a replica whose content it has already applied.
 */
export async function replicaContentHash(replica: Replica): Promise<string> {
  const { schema: _schema, entity: _entity, seq: _seq, hash: _hash, ...content } = replica;
  return sha256Hex(canonicalJson(content));
}
