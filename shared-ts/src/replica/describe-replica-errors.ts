import type { ReplicaValidationError } from './validate-replica';

/** How many errors a failure message lists, and how many characters of each path and message. */
const LISTED = 3;
const MAX_PART = 120;

/**
 * The first few errors of a replica that failed validation, as one line for a failure message
 * (`/summary: must be a string or null, found the integer 42; and 2 more`). Paths and messages are
 * cut short: a hostile replica can have a path as long as itself.
 */
export function describeReplicaErrors(errors: readonly ReplicaValidationError[]): string {
  const listed = errors
    .slice(0, LISTED)
    .map((error) => `${cut(error.path || '/')}: ${cut(error.message)}`)
    .join('; ');
  return errors.length > LISTED ? `${listed}; and ${errors.length - LISTED} more` : listed;
}

function cut(text: string): string {
  return text.length > MAX_PART ? `${text.slice(0, MAX_PART)}…` : text;
}
