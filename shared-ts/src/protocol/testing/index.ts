/**
 * Test support for the protocol: the in-memory ports (invitation store, replay cache). Not part
 * of the product API; tests, the two-node harness and the sandbox use them through the package's
 * `testing` entry.
 */
export { InMemoryInvitationStore } from './in-memory-invitation-store';
export { InMemoryReplayCache } from '../in-memory-replay-cache';
