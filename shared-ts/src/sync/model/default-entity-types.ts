import type { Side } from '../../rules/runtime/types';

/**
 * The entity types each side syncs unless its connection says otherwise: Jira issues, and
 * Salesforce Cases (the first object Tandem syncs; DESIGN.md). A message whose target is of
 * another type is refused (`target-invalid`) before an adapter could read or write it.
 */
export const DEFAULT_ENTITY_TYPES: Readonly<Record<Side, readonly string[]>> = {
  jira: ['issue'],
  salesforce: ['Case'],
};
