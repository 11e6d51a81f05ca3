import type { EntityRef } from '../../replica';

/** How log lines and messages name an entity: `jira issue SUP-12`, `salesforce Case 00001026`. */
export function describeRef(ref: EntityRef): string {
  return `${ref.platform} ${ref.type} ${ref.key ?? ref.id}`;
}

/** Whether two refs name the same entity (type and id; keys and URLs may differ or be absent). */
export function sameEntity(a: EntityRef, b: EntityRef): boolean {
  return a.type === b.type && a.id === b.id;
}
