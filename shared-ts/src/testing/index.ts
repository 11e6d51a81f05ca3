/**
 * In-memory ports of every module, for tests, the two-node harness and the sandbox (package
 * entry `@tandem/shared-ts/testing`): each module keeps its own under its `testing/` folder.
 * Not product API.
 */
export * from '../protocol/testing';
export * from '../sync/testing';
export { fuzzRuns } from './fuzz-runs';
export { describePortContracts, type PortContractSubject } from './port-contracts';
