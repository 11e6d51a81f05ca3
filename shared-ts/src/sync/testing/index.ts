/**
 * Test support for the sync engine: in-memory ports, a fake rules engine, fixtures and a one-call
 * test node. Not part of the product API (the package index does not export it); the two-node
 * harness and the property tests build on it.
 */
export {
  contentHash,
  InMemoryEntityStore,
  InMemoryLinkStore,
  InMemoryStatsStore,
  InMemorySyncLog,
  InMemoryWorkQueue,
  ManualClock,
  RecordingTransport,
  seededRandom,
  sequentialIds,
} from './in-memory-ports';
export { failingReads } from './failing-reads';
export { fakeRulesEngine, type FakeIncoming, type FakeOutgoing } from './fake-rules-engine';
export { caseOf, commentOf, JIRA_ISSUE, replicaOf, SALESFORCE_CASE } from './fixtures';
export { compiledRules } from './compiled-rules';
export { createTestNode, mirrorRules, seedEntity, type TestNode } from './test-node';
export { InMemoryAckStore } from '../rendezvous/testing/in-memory-ack-store';
