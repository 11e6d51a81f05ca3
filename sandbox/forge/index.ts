/**
 * The Forge runtime stand-in (package `@tandem/sandbox`, folder `forge/`): the SDK seam, hosted
 * storage in SQLite, async events, triggers and time limits. Tests and `npm start` use it; product
 * code never imports it.
 */
export {
  ForgeRuntime,
  installForgeRuntime,
  MAX_TIMEOUT_SECONDS,
  TIME_LIMITS_MS,
  type ForgeRuntimeOptions,
  type InvocationKind,
  type InvocationReport,
  type RuntimeClock,
  type WebTriggerRequest,
  type WebTriggerResponse,
} from './forge-runtime';
export {
  KEY_PATTERN,
  MAX_KEY_LENGTH,
  MAX_QUERY_LIMIT,
  MAX_TRANSACTION_OPS,
  MAX_VALUE_BYTES,
  MAX_VALUE_DEPTH,
  SqliteKvs,
  type EntityDeclaration,
  type EntityIndex,
} from './kvs-store';
export {
  EventQueues,
  MAX_EVENTS_PER_PUSH,
  MAX_PUSH_BYTES,
  MAX_RETRIES,
  type AsyncEvent,
  type DeliveryRecord,
} from './async-events';
export { entityOf, readManifest, type ForgeManifest } from './manifest';
