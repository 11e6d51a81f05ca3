/** The local entity as the engine sees it: the view the rules read, plus what the engine needs besides. */
import type { EntityRef, JsonValue } from '../../replica';

/** One local entity, read through the entity store port. */
export interface LocalEntity {
  ref: EntityRef;
  /**
   * What the rules see as `issue` (Jira) or `entity` (Salesforce), as plain JSON. Comments and
   * attachments, when loaded, sit at `comments` and `attachments` as lists of objects with a
   * string `id`.
   */
  view: Record<string, JsonValue>;
  /**
   * When a person (not the integration identity) last changed the entity, ISO-8601; used by
   * `newest-wins`. Null when unknown.
   */
  modifiedAt: string | null;
  /**
   * Ids of comments and attachments written by the integration identity. Like the copies the
   * apply created, they are never sent to the other side.
   */
  integrationAuthored?: { comments?: string[]; attachments?: string[] };
}
