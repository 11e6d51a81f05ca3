import type { JsonValue } from '../../replica';
import { jsonEqual } from '../model/json-equal';

/**
 * Whether a value the incoming rules write equals a value read from the local entity. Equal
 * JSON matches; so does a name written for a named value the view shows as an object
 * (`issue.status = "Done"` against `{ name: "Done", category: "done" }`), the way rules write
 * Jira statuses, priorities and resolutions.
 */
export function writtenValueMatches(written: JsonValue, read: JsonValue): boolean {
  if (jsonEqual(written, read)) return true;
  return (
    typeof written === 'string' &&
    read !== null &&
    typeof read === 'object' &&
    !Array.isArray(read) &&
    read.name === written
  );
}
