/**
 * The two-node harness: two real sync engines paired through the real protocol, with a faulty
 * network between them, for the property tests and the end-to-end work. Test support, not
 * product API (the package index does not export it). See docs/sync-semantics.md, section 12.
 */
export {
  createTwoNodeHarness,
  type QuietReport,
  type TwoNodeHarness,
  type TwoNodeHarnessOptions,
} from './create-two-node-harness';
export { CrashGate, guarded, NodeCrashedError } from './crash-gate';
export { HarnessNode, type HarnessNodeOptions } from './harness-node';
export {
  commentTexts,
  HARNESS_RULES,
  localCommentBody,
  localFields,
  MODIFIED_FIELD,
  SYNCED_FIELD_NAMES,
  syncedFieldsOf,
  type SideRules,
  type SyncedFields,
} from './harness-rules';
export {
  FAULT_KINDS,
  Network,
  type Endpoint,
  type Fault,
  type FaultKind,
  type FaultRates,
  type NetworkNode,
  type PacketRecord,
  type TransmitResult,
  type WireResponse,
} from './network';
export { runScenario, type Scenario, type ScenarioOutcome, type ScenarioStep } from './run-scenario';
