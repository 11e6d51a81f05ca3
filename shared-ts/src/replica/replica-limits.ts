/**
 * How deep and how large a replica may be (docs/replica.md, "Limits"). A replica parsed from a
 * message is a tree no larger than the message; one built by rules can share an object in many
 * places, so it is counted the way JSON would write it.
 */

/**
 * Most levels of nesting, the replica object itself being the first: room for a custom field
 * holding an ADF document at the rich-text limit of 100 nested nodes (two levels each).
 */
export const MAX_REPLICA_DEPTH = 256;

/** Most values (objects, arrays, strings, numbers...) in one replica: about twice what a 1 MiB message can hold. */
export const MAX_REPLICA_VALUES = 1_048_576;

/**
 * Longest entity type, id and key, comment and attachment id, in characters (code points): what
 * the protocol takes in an entity reference, since the receiver names this entity as a target.
 */
export const MAX_REPLICA_ID = 200;

/** Longest platform name, in characters: as in an entity reference. */
export const MAX_REPLICA_PLATFORM = 40;

/** Longest URL (entity, parent) and attachment reference, in characters: as in an entity reference. */
export const MAX_REPLICA_URL = 2048;
