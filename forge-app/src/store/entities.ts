/**
 * The custom entities the stores declare (Custom Entity Store): what goes under
 * `app.storage.entities` in manifest.yml (docs/forge-storage.md has the same as YAML). The
 * runtime stand-in declares them from this constant in tests.
 */

/** An attribute type the manifest accepts. */
export type EntityAttributeType = 'string' | 'integer' | 'float' | 'boolean' | 'any';

/** A custom entity declaration, in the manifest's shape. */
export interface ForgeEntity {
  name: string;
  attributes: Record<string, { type: EntityAttributeType }>;
  indexes?: (string | { name: string; partition?: string[]; range: string[] })[];
}

/** Entity names. */
export const ENTITY = {
  link: 'tandem-link',
  queueItem: 'tandem-queue-item',
  replay: 'tandem-replay',
  invitation: 'tandem-invitation',
  allowance: 'tandem-allowance',
} as const;

/** The declarations, in the manifest's shape. */
export const FORGE_ENTITIES: readonly ForgeEntity[] = [
  {
    name: ENTITY.link,
    attributes: {
      connectionId: { type: 'string' },
      remoteKey: { type: 'string' },
      version: { type: 'integer' },
      record: { type: 'string' },
      chunks: { type: 'integer' },
      previous: { type: 'string' },
      previousChunks: { type: 'integer' },
      recordId: { type: 'string' },
      previousId: { type: 'string' },
    },
    indexes: [{ name: 'by-remote', partition: ['connectionId', 'remoteKey'], range: ['version'] }],
  },
  {
    name: ENTITY.queueItem,
    attributes: {
      queue: { type: 'string' },
      connectionId: { type: 'string' },
      state: { type: 'string' },
      nextAttemptAt: { type: 'string' },
      itemId: { type: 'string' },
      messageId: { type: 'string' },
      version: { type: 'integer' },
      record: { type: 'string' },
      chunks: { type: 'integer' },
      recordId: { type: 'string' },
      remoteAttachmentId: { type: 'string' },
    },
    indexes: [
      { name: 'by-due', partition: ['queue', 'connectionId', 'state'], range: ['nextAttemptAt'] },
      { name: 'by-message', partition: ['queue', 'messageId'], range: ['nextAttemptAt'] },
      {
        name: 'by-attachment',
        partition: ['queue', 'connectionId', 'remoteAttachmentId'],
        range: ['nextAttemptAt'],
      },
    ],
  },
  {
    name: ENTITY.replay,
    attributes: { expiresAt: { type: 'integer' } },
  },
  {
    name: ENTITY.invitation,
    attributes: { invitation: { type: 'string' }, usedBy: { type: 'string' } },
  },
  {
    name: ENTITY.allowance,
    attributes: { bytes: { type: 'integer' }, version: { type: 'integer' } },
  },
];
