import type { EntityRef } from '../../replica';

/** Whether two refs name the same entity (type and id; keys and URLs may differ or be absent). */
export function sameEntity(a: EntityRef, b: EntityRef): boolean {
  return a.type === b.type && a.id === b.id;
}
